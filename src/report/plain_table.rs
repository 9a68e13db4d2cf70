//! The piped table, written row by row. With no width to fit and no
//! colour, comfy-table's `UTF8_FULL_CONDENSED` layout is simple: each
//! column is as wide as its widest line, cells are padded by one space and
//! never wrap. comfy-table still builds every cell, every padded line and
//! the whole text in memory before a byte is written: 270 MiB and a second
//! for a 10,000-criterion advice table. This writes the same bytes from
//! two passes over the cells, one to measure and one to write, holding one
//! row at a time. A test holds it to comfy-table's output.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

/// One cell's text (lines separated by `\n`) and its alignment.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextCell {
    pub text: String,
    pub right: bool,
}

/// A table's cells, produced on demand into reused cells: each row is
/// asked for twice, once to measure and once to write.
pub(crate) trait Cells {
    fn columns(&self) -> usize;
    fn header(&self, cells: &mut [TextCell]);
    fn rows(&self) -> usize;
    fn row(&self, index: usize, cells: &mut [TextCell]);
}

/// Each column's content width: its widest line, at least 1, as
/// comfy-table measures it.
pub(crate) fn widths(table: &dyn Cells) -> Vec<usize> {
    let mut cells = vec![TextCell::default(); table.columns()];
    let mut widths = vec![1; table.columns()];
    let mut measure = |cells: &[TextCell]| {
        for (width, cell) in widths.iter_mut().zip(cells) {
            for line in cell.text.split('\n') {
                *width = (*width).max(line.width());
            }
        }
    };
    table.header(&mut cells);
    measure(&cells);
    for index in 0..table.rows() {
        table.row(index, &mut cells);
        measure(&cells);
    }
    widths
}

/// Widest column comfy-table lays out whole; it splits longer lines, as
/// only a name tens of thousands of characters long would need.
const WIDEST: usize = u16::MAX as usize;

/// Writes the table, each line ended by a newline; `Ok(false)`, with
/// nothing written, when a column is wider than comfy-table keeps whole
/// ([`WIDEST`]), for the caller to lay out with comfy-table instead.
pub(crate) fn write(out: &mut dyn Write, table: &dyn Cells) -> io::Result<bool> {
    let widths = widths(table);
    if widths.iter().any(|&width| width > WIDEST) {
        return Ok(false);
    }
    let mut cells = vec![TextCell::default(); table.columns()];
    border(out, &widths, ['┌', '─', '┬', '┐'])?;
    table.header(&mut cells);
    write_row(out, &widths, &cells)?;
    border(out, &widths, ['╞', '═', '╪', '╡'])?;
    for index in 0..table.rows() {
        table.row(index, &mut cells);
        write_row(out, &widths, &cells)?;
    }
    border(out, &widths, ['└', '─', '┴', '┘'])?;
    Ok(true)
}

fn border(
    out: &mut dyn Write,
    widths: &[usize],
    [left, fill, junction, right]: [char; 4],
) -> io::Result<()> {
    let mut line = String::new();
    line.push(left);
    for (index, width) in widths.iter().enumerate() {
        if index > 0 {
            line.push(junction);
        }
        line.extend(std::iter::repeat_n(fill, width + 2));
    }
    line.push(right);
    writeln!(out, "{line}")
}

fn write_row(out: &mut dyn Write, widths: &[usize], cells: &[TextCell]) -> io::Result<()> {
    let height = cells
        .iter()
        .map(|cell| cell.text.split('\n').count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<std::str::Split<'_, char>> =
        cells.iter().map(|cell| cell.text.split('\n')).collect();
    let mut line = String::new();
    for _ in 0..height {
        line.clear();
        line.push('│');
        for (index, ((cell, width), parts)) in cells.iter().zip(widths).zip(&mut lines).enumerate()
        {
            if index > 0 {
                line.push('┆');
            }
            match parts.next() {
                Some(text) => {
                    let room = width - text.width().min(*width);
                    let (before, after) = if cell.right { (room, 0) } else { (0, room) };
                    line.extend(std::iter::repeat_n(' ', 1 + before));
                    line.push_str(text);
                    line.extend(std::iter::repeat_n(' ', after + 1));
                }
                // comfy-table fills a cell with fewer lines than its row
                // with spaces.
                None => line.extend(std::iter::repeat_n(' ', width + 2)),
            }
        }
        line.push('│');
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use comfy_table::{Cell, CellAlignment, Table};
    use proptest::prelude::*;

    #[derive(Debug)]
    struct Given {
        header: Vec<TextCell>,
        rows: Vec<Vec<TextCell>>,
    }

    impl Cells for Given {
        fn columns(&self) -> usize {
            self.header.len()
        }
        fn header(&self, cells: &mut [TextCell]) {
            cells.clone_from_slice(&self.header);
        }
        fn rows(&self) -> usize {
            self.rows.len()
        }
        fn row(&self, index: usize, cells: &mut [TextCell]) {
            cells.clone_from_slice(&self.rows[index]);
        }
    }

    fn comfy(given: &Given) -> String {
        let cell = |cell: &TextCell| {
            let made = Cell::new(&cell.text);
            if cell.right {
                made.set_alignment(CellAlignment::Right)
            } else {
                made
            }
        };
        let mut table: Table = crate::report::Layout::default().table();
        table.set_header(given.header.iter().map(cell).collect::<Vec<_>>());
        for row in &given.rows {
            table.add_row(row.iter().map(cell).collect::<Vec<_>>());
        }
        format!("{table}\n")
    }

    fn text_cell() -> impl Strategy<Value = TextCell> {
        // ASCII, wide CJK, combining marks, an emoji, and line breaks.
        (
            "(a|bc|de f|1.5|漢字|e\u{301}|✓|🙂|\n| |){0,6}",
            any::<bool>(),
        )
            .prop_map(|(text, right)| TextCell { text, right })
    }

    fn table() -> impl Strategy<Value = Given> {
        (1usize..6).prop_flat_map(|columns| {
            (
                proptest::collection::vec(text_cell(), columns),
                proptest::collection::vec(proptest::collection::vec(text_cell(), columns), 0..6),
            )
                .prop_map(|(header, rows)| Given { header, rows })
        })
    }

    proptest! {
        #[test]
        fn the_piped_table_is_comfy_tables_byte_for_byte(given in table()) {
            let mut written = Vec::new();
            prop_assert!(write(&mut written, &given).unwrap());
            prop_assert_eq!(String::from_utf8(written).unwrap(), comfy(&given));
        }
    }

    /// A cell wider than comfy-table keeps whole is left to comfy-table.
    #[test]
    fn a_column_wider_than_comfy_table_keeps_whole_is_left_to_it() {
        let wide = TextCell {
            text: "x".repeat(WIDEST + 1),
            right: false,
        };
        let given = Given {
            header: vec![wide],
            rows: Vec::new(),
        };
        let mut written = Vec::new();
        assert!(!write(&mut written, &given).unwrap());
        assert!(written.is_empty());
    }
}
