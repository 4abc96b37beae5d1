"""Writers: each lays the document tree (yearbook.doctree) out in one format.

A writer reads only the tree and the style; it never sees YAML or the model.
`yearbook.writers.pdf.write_pdf` and `yearbook.writers.docx.write_docx` are the entry points.
"""
