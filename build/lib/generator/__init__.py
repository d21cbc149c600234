"""okr-portal: a static site generator for public OKR portals."""
