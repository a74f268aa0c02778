"""Report tables: sections as blocks of paragraphs and tables, the template tables read into numbers, their checks.

`build_blocks` cuts a section's text into `Paragraph`s and `Table`s (cells known
from the HTML grid, the export or the aligned columns through `KnownTables`, else
from ` | ` rows); `read_report_tables` reads 表二/表三/表四 of the national template
from a report's blocks into a `ReportTables` with its checks (`checks.py` holds
the definitions, reusable across reports).
"""

from indexer.tables.blocks import KnownTables, build_blocks
from indexer.tables.model import Block, Paragraph, Table, TableLines, block_from_json
from indexer.tables.report_tables import ReportTables, read_report_tables

__all__ = [
    "Block", "KnownTables", "Paragraph", "ReportTables", "Table", "TableLines", "block_from_json", "build_blocks",
    "read_report_tables",
]
