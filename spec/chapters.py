"""Every chapter of the spec. Importing this module registers all derivations."""

import spec.resize
import spec.tolerance  # noqa: F401
