// ValidationKit: runs validation cases (see docs/validation.md).
