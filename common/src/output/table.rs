//! Teleport's `asciitable` layout, byte for byte: every cell padded to its column's width and
//! followed by one space, a dashed rule under the header. Scripts parse this output, so the
//! layout is kept exact rather than produced by a general table crate.

/// A table of text cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    header: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with a header row and a dashed rule under it.
    pub fn with_header<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Self {
            header: Some(header.into_iter().map(Into::into).collect()),
            rows: Vec::new(),
        }
    }

    /// A table with no header (e.g. `tctl status`).
    pub fn headless() -> Self {
        Self::default()
    }

    /// Adds a row.
    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Renders the table into `out`.
    pub fn render(&self, out: &mut String) {
        let columns = self
            .header
            .iter()
            .chain(self.rows.iter())
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        let mut widths = vec![0usize; columns];
        for row in self.header.iter().chain(self.rows.iter()) {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let line = |out: &mut String, row: &[String]| {
            for (i, width) in widths.iter().enumerate() {
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                out.push_str(cell);
                out.extend(std::iter::repeat_n(' ', width - cell.chars().count() + 1));
            }
            out.push('\n');
        };
        if let Some(header) = &self.header {
            line(out, header);
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            line(out, &rule);
        }
        for row in &self.rows {
            line(out, row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_cells_and_rules_the_header() {
        let mut t = Table::with_header(["Token", "Type"]);
        t.row(["abc", "Node"]);
        t.row(["abcdef", "Proxy"]);
        let mut s = String::new();
        t.render(&mut s);
        assert_eq!(s, "Token  Type  \n------ ----- \nabc    Node  \nabcdef Proxy \n");
    }

    #[test]
    fn headless_table_has_no_rule() {
        let mut t = Table::headless();
        t.row(["Cluster", "example.com"]);
        t.row(["CA pin", "sha256:00"]);
        let mut s = String::new();
        t.render(&mut s);
        assert_eq!(s, "Cluster example.com \nCA pin  sha256:00   \n");
    }
}
