"""Every chapter of the spec. Importing this module registers all derivations."""

import spec.conv
import spec.fcn
import spec.pool
import spec.resize
import spec.tolerance
import spec.window  # noqa: F401
