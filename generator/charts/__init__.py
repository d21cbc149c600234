"""Key-result progress charts, rendered at build time to inline SVG.

``inputs`` (what a chart draws; no Altair) -> ``spec`` (the Vega-Lite spec, with Altair) ->
``render`` (SVG with vl-convert, in spawn workers) and ``cache`` (SVGs by the hash of their
input). This package module imports nothing, so that spawned render workers do not pay for
importing Altair.
"""
