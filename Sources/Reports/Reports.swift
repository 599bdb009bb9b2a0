// Reports: Markdown / LaTeX / CSV tables and SVG plots rendered from the results store.
