//! Source files and spans.
//!
//! Every file the front end reads (the main file, includes, `from` script files) is added to one
//! [`SourceMap`] and addressed by a [`FileId`]. A [`Span`] is a byte range inside one file; line and
//! column are computed on demand (1-based, columns count Unicode scalar values, kry §1).

use std::path::{Path, PathBuf};

/// Index of a file inside a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range `start..end` inside one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// File the range belongs to.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// Creates a span.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Self {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering `self` and `other` (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// One loaded source file, with its text normalised (BOM removed, CRLF/CR turned into LF).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute (or as-given) path used to read the file.
    pub path: PathBuf,
    /// Path shown in diagnostics: relative to the main file's folder, `/` separators.
    pub display: String,
    /// Normalised text.
    pub text: String,
    line_starts: Vec<u32>,
}

impl SourceFile {
    /// Creates a file from raw text, normalising BOM and line endings.
    pub fn new(path: PathBuf, display: String, raw: &str) -> Self {
        let text = normalise(raw);
        let line_starts = line_starts(&text);
        Self {
            path,
            display,
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(self.text.len() as u32);
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_index] as usize;
        let end = floor_char_boundary(&self.text, offset as usize);
        let column = self.text[start..end].chars().count() + 1;
        (line_index + 1, column)
    }

    /// Text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e as usize - 1);
        &self.text[start as usize..end.max(start as usize)]
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .map_or(self.text.len(), |&s| s as usize)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Offsets where lines start: 0 and one past every `\n`. Eight bytes are tested at a time (a
/// large file's line table was a noticeable part of loading it).
fn line_starts(text: &str) -> Vec<u32> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0u32);
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0usize;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'\n'));
        // The high bit of each byte that was a newline (exact: no borrow between bytes).
        let mut found = !(((x & LOW7) + LOW7) | x | LOW7);
        while found != 0 {
            let at = base + (found.trailing_zeros() / 8) as usize;
            starts.push((at + 1) as u32);
            found &= found - 1;
        }
        base += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if b == b'\n' {
            starts.push((base + i + 1) as u32);
        }
    }
    starts
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn normalise(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// All files of one document.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId((self.files.len() - 1) as u32)
    }

    /// Looks a file up. Ids come from this map, so a miss is an internal error.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// Moves a file's text out (empty in the map until [`Self::restore_text`]).
    pub(crate) fn take_text(&mut self, id: FileId) -> String {
        self.files
            .get_mut(id.0 as usize)
            .map(|f| std::mem::take(&mut f.text))
            .unwrap_or_default()
    }

    /// Puts back a text taken by [`Self::take_text`].
    pub(crate) fn restore_text(&mut self, id: FileId, text: String) {
        if let Some(f) = self.files.get_mut(id.0 as usize) {
            f.text = text;
        }
    }

    /// The file already loaded from `path`, if any.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(i as u32))
    }

    /// Iterates over `(id, file)`.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// `(display path, line, column)` of a span's start.
    pub fn location(&self, span: Span) -> Option<(&str, usize, usize)> {
        let file = self.get(span.file)?;
        let (line, col) = file.line_col(span.start);
        Some((&file.display, line, col))
    }

    /// The source text a span covers.
    pub fn snippet(&self, span: Span) -> &str {
        self.get(span.file)
            .and_then(|f| f.text.get(span.start as usize..span.end as usize))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_match_a_plain_scan() {
        let text = "a\n\nbcdefgh\n\u{e9}\u{20ac}\nxxxxxxxxxxxxxxx\n\n\n123\n\u{8a}\n";
        for end in 0..=text.len() {
            let Some(prefix) = text.get(..end) else {
                continue;
            };
            let mut expected = vec![0u32];
            expected.extend(prefix.match_indices('\n').map(|(i, _)| (i + 1) as u32));
            assert_eq!(line_starts(prefix), expected, "{prefix:?}");
        }
    }

    #[test]
    fn line_and_column_count_scalars_after_normalising() {
        let file = SourceFile::new("a.kry".into(), "a.kry".into(), "\u{feff}ab\r\nçd x\rz");
        assert_eq!(file.text, "ab\nçd x\nz");
        let x = file.text.find('x').unwrap() as u32;
        assert_eq!(file.line_col(x), (2, 4));
        assert_eq!(file.line_text(2), "çd x");
        assert_eq!(file.line_text(3), "z");
        assert_eq!(file.line_col(0), (1, 1));
    }
}
