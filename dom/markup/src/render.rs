//! Rendering diagnostics for people and tools (kry-language.md §16.1).
//!
//! [`render`] draws the text shape with `annotate-snippets`:
//!
//! ```text
//! error[K0102]: unknown style "cardd" at app.kry:12:16
//!    |
//! 12 |     style: "cardd"
//!    |            ^^^^^^^ no style with this name
//!    = help: did you mean "card"?
//!
//! ```
//!
//! The location is part of the title (no `-->` line). Only the first line of a span is shown;
//! tabs display as four spaces with the carets aligned. [`render_json`] gives one JSON object per
//! diagnostic and [`summary`] the closing `kryon: 2 errors, 1 warning (app.kry)` line.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceMap, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Renders one diagnostic in the kry §16.1 text shape, ending with a blank line.
pub fn render(map: &SourceMap, diagnostic: &Diagnostic) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let located = diagnostic.span.and_then(|span| locate(map, span));
    let title = match &located {
        Some(at) => format!(
            "{} at {}:{}:{}",
            diagnostic.message, at.path, at.line, at.column
        ),
        None => diagnostic.message.clone(),
    };
    let mut group = Group::with_title(level.primary_title(title).id(diagnostic.code));
    if let Some(at) = &located {
        let mut annotation = AnnotationKind::Primary.span(at.start..at.end);
        if let Some(label) = &diagnostic.label {
            annotation = annotation.label(label.as_str());
        }
        group = group.element(
            Snippet::source(at.source.as_str())
                .line_start(at.line)
                .annotation(annotation),
        );
    }
    if !diagnostic.stack.is_empty() {
        let stack = diagnostic.stack.join(" <- ");
        group = group.element(Level::NOTE.with_name("stack").message(stack));
    }
    for note in &diagnostic.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let rendered = Renderer::plain().render(&[group]);
    spec_shape(&rendered)
}

/// Drops the bare gutter line `annotate-snippets` puts before `= note:`/`= help:` trailers (the
/// kry shape has none) and ends the block with a blank line.
fn spec_shape(rendered: &str) -> String {
    let lines: Vec<&str> = rendered.lines().collect();
    let mut out = String::with_capacity(rendered.len() + 2);
    for (i, line) in lines.iter().enumerate() {
        let bare_gutter = line.trim() == "|";
        let trailer_next = lines
            .get(i + 1)
            .is_some_and(|next| next.trim_start().starts_with("= "));
        if bare_gutter && trailer_next && i > 0 {
            continue;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Renders one diagnostic as a single-line JSON object (no trailing newline).
pub fn render_json(map: &SourceMap, diagnostic: &Diagnostic) -> String {
    let file = diagnostic.span.and_then(|span| map.get(span.file));
    let start = diagnostic
        .span
        .and_then(|span| file.map(|f| f.line_col(span.start)));
    let end = diagnostic
        .span
        .and_then(|span| file.map(|f| f.line_col(span.end)));
    let mut notes: Vec<String> = diagnostic.notes.clone();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {help}"));
    }
    if !diagnostic.stack.is_empty() {
        notes.push(format!("stack: {}", diagnostic.stack.join(" <- ")));
    }
    serde_json::json!({
        "severity": diagnostic.severity,
        "code": diagnostic.code,
        "message": diagnostic.message,
        "file": file.map(|f| f.display.as_str()),
        "line": start.map(|(line, _)| line),
        "column": start.map(|(_, column)| column),
        "end_line": end.map(|(line, _)| line),
        "end_column": end.map(|(_, column)| column),
        "notes": notes,
    })
    .to_string()
}

/// The run summary: `kryon: 2 errors, 1 warning (app.kry)`.
pub fn summary(errors: usize, warnings: usize, main_display: &str) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "kryon: {}, {} ({main_display})",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// Where a span is, and the one source line it is drawn on.
struct Located {
    path: String,
    line: usize,
    column: usize,
    /// The line's text.
    source: String,
    /// Byte range of the carets inside `source`.
    start: usize,
    end: usize,
}

fn locate(map: &SourceMap, span: Span) -> Option<Located> {
    let file = map.get(span.file)?;
    let (line, column) = file.line_col(span.start);
    let line_start = file.line_start(line);
    let source = file.line_text(line).to_owned();
    let start = floor_boundary(&source, (span.start as usize).saturating_sub(line_start));
    let end = floor_boundary(&source, (span.end as usize).saturating_sub(line_start)).max(start);
    Some(Located {
        path: file.display.clone(),
        line,
        column,
        source,
        start,
        end,
    })
}

fn floor_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests;
