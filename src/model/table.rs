//! Figures with a row per criterion and a column per alternative, in one
//! allocation: the model's scores, and each method's contributions.
//!
//! One table rather than a vector per criterion because scoring walks every
//! row in order: with 10,000 criteria, rows allocated one by one lay
//! scattered between the criteria's names, and the walk left the cache at
//! every row.

use std::ops::{Index, IndexMut};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    rows: usize,
    columns: usize,
    values: Vec<f64>,
}

impl Table {
    /// An empty table of `columns` columns with room for `rows` rows.
    pub fn with_capacity(rows: usize, columns: usize) -> Self {
        Self {
            rows: 0,
            columns,
            values: Vec::with_capacity(rows * columns),
        }
    }

    /// A table of the given rows, each `columns` long.
    pub fn from_rows<Row: AsRef<[f64]>>(
        columns: usize,
        rows: impl IntoIterator<Item = Row>,
    ) -> Self {
        let mut table = Self::with_capacity(0, columns);
        for row in rows {
            table.push_row(row.as_ref().iter().copied());
        }
        table
    }

    /// Appends a row and returns it (still in the cache, for a caller that
    /// folds it into running totals).
    ///
    /// # Panics
    ///
    /// If the row does not have one figure per column.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = f64>) -> &[f64] {
        let before = self.values.len();
        self.values.extend(row);
        assert_eq!(
            self.values.len() - before,
            self.columns,
            "a table row needs one figure per column"
        );
        self.rows += 1;
        &self.values[before..]
    }

    /// The number of rows (criteria).
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The number of columns (alternatives).
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Each row, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[f64]> {
        let columns = self.columns;
        // Slicing the values directly: every row is in range, so the
        // indexing's check for a row past the end is not needed here.
        (0..self.rows).map(move |row| &self.values[row * columns..][..columns])
    }

    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.iter().map(<[f64]>::to_vec).collect()
    }
}

impl Index<usize> for Table {
    type Output = [f64];

    fn index(&self, row: usize) -> &[f64] {
        assert!(row < self.rows, "row {row} of a {}-row table", self.rows);
        &self.values[row * self.columns..(row + 1) * self.columns]
    }
}

impl IndexMut<usize> for Table {
    fn index_mut(&mut self, row: usize) -> &mut [f64] {
        assert!(row < self.rows, "row {row} of a {}-row table", self.rows);
        &mut self.values[row * self.columns..(row + 1) * self.columns]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_pushed() {
        let mut table = Table::with_capacity(2, 3);
        assert_eq!(table.push_row([1.0, 2.0, 3.0]), [1.0, 2.0, 3.0]);
        table.push_row([4.0, 5.0, 6.0]);
        table[1][2] = 7.0;
        assert_eq!(table.len(), 2);
        assert_eq!(table.columns(), 3);
        assert_eq!(table.to_rows(), [[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]]);
        assert_eq!(Table::from_rows(3, table.to_rows()), table);
    }

    #[test]
    fn a_table_without_columns_still_counts_rows() {
        let table = Table::from_rows(0, [[0.0; 0], [0.0; 0]]);
        assert_eq!(table.len(), 2);
        assert_eq!(table.iter().count(), 2);
    }

    #[test]
    #[should_panic(expected = "one figure per column")]
    fn a_short_row_is_refused() {
        Table::with_capacity(1, 2).push_row([1.0]);
    }

    #[test]
    #[should_panic(expected = "row 1 of a 1-row table")]
    fn a_row_past_the_end_is_refused() {
        let table = Table::from_rows(0, [[0.0; 0]]);
        let _ = &table[1];
    }
}
