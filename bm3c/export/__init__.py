"""Files a collective takes home: Excel workbook, workshop report (HTML, PDF), chart images."""
