"""Key-result progress charts, rendered at build time to inline SVG.

Import from the submodules: `generator.charts.spec` (ChartInput, ChartLabels, chart_spec,
input_key) and `generator.charts.render` (render_svgs). This package module imports
nothing, so that spawned render workers do not pay for importing Altair.
"""
