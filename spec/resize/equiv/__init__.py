"""Equivalences between library resize conventions and this spec's parameters.

One module per library: :mod:`spec.resize.equiv.torch`, :mod:`spec.resize.equiv.tf`,
:mod:`spec.resize.equiv.scipy`.  Each library rule is written down from its documentation or
source (cited), evaluated in exact rational arithmetic, and compared with the spec over a
stated finite domain; where an equivalence fails, the claim states exactly where.  New
equivalences are named ``equiv.<lib>.<op>.<topic>``.
"""
