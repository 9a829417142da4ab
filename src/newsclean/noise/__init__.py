"""The noise stage's passes, one module each; the stage that orders them is :mod:`newsclean.stages.noise`."""
