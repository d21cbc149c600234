"""Pages: every address (``urls``), what each page shows (``views``), and writing them (``render``)."""
