"""Loading and validation: files -> typed model, or every problem at once (``load.project``)."""
