//! Problems found in a site, each tied to the file (and line) a clerk must open to fix it.
//!
//! Loading and validation never stop at the first problem: every stage pushes into a
//! [`Diagnostics`] list so that one run reports everything it found.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported; the build goes on.
    Warning,
    /// Stops a build, and `check` exits with 1.
    Error,
}

/// One problem, in the shape `check --format json` prints (`{file, line?, message}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Whether the problem stops a build.
    #[serde(skip)]
    pub severity: Severity,
    /// Path relative to the site folder, with `/` separators.
    pub file: String,
    /// 1-based line in `file`, when the problem has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, counted in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `file`.
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning about `file`.
    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// The same problem, at this line and column.
    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// The same problem, with what to do about it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether it stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => crate::msg!("cli-label-error"),
            Severity::Warning => crate::msg!("cli-label-warning"),
        };
        write!(f, "{label}{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  {}{help}", crate::msg!("cli-label-help"))?;
        }
        Ok(())
    }
}

/// Everything one run found, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    /// Every problem.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file and line so that output is stable across parallel runs.
    pub fn sorted(mut self) -> Self {
        self.items
            .sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
        self.items.dedup();
        self
    }

    /// The problems as a list.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// A 1-based (line, column) for a byte offset, counting columns in characters so that carets
/// line up under CJK text the way an editor shows it.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A diagnostic as the caches keep it: its JSON form (what `check --format json` prints)
/// leaves out the severity and writes only the parts it has, which a compact form cannot
/// read back.
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredDiagnostic<S> {
    error: bool,
    file: S,
    line: Option<usize>,
    column: Option<usize>,
    message: S,
    help: Option<S>,
}

impl<'a> StoredDiagnostic<&'a str> {
    pub(crate) fn of(d: &'a Diagnostic) -> Self {
        StoredDiagnostic {
            error: d.is_error(),
            file: &d.file,
            line: d.line,
            column: d.column,
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

impl StoredDiagnostic<String> {
    pub(crate) fn into_diagnostic(self) -> Diagnostic {
        let d = match self.error {
            true => Diagnostic::error(self.file, self.message),
            false => Diagnostic::warning(self.file, self.message),
        };
        let d = d.at(self.line, self.column);
        match self.help {
            Some(help) => d.help(help),
            None => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nname = \"刘庄村\" x";
        let offset = text.find('x').unwrap();
        assert_eq!(line_col(text, offset), (2, 14));
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 10_000), (2, 15));
    }

    #[test]
    fn display_names_file_line_and_help() {
        let d = Diagnostic::error("content/a.toml", "bad phone")
            .at(Some(4), Some(9))
            .help("write it with the area code");
        assert_eq!(
            d.to_string(),
            "error: content/a.toml:4:9: bad phone\n  help: write it with the area code"
        );
    }
}
