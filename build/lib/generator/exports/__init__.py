"""Files beside the pages: redirects from former ids, the sitemap, the search index entries."""
