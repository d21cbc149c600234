"""The engine that renders the page chrome and the hand-written pages: MkDocs with Material.

Only this package imports MkDocs or Material. ``plugin`` is the MkDocs plugin (the door MkDocs
opens onto ``generator.build``); ``commands`` runs ``mkdocs build`` and ``serve`` for the CLI.
Swapping the engine (MkDocs 1.x is frozen, Material 9 in maintenance) means rewriting this
package and nothing else: it must give ``build`` the page shells, the hand-written pages'
addresses and the home page, and call ``build.write_site``.
"""
