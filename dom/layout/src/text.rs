//! Text shaping and measurement over cosmic-text.
//!
//! A [`TextEngine`] owns the cosmic-text [`FontSystem`] (bundled fonts plus explicitly added
//! files, see [`crate::fonts`]) and a shaping cache keyed by content + style. Each text node owns a
//! [`ShapedText`]: its string, its [`TextStyle`] and the shaped cosmic-text [`Buffer`], kept so a
//! renderer can draw exactly what was measured ([`ShapedText::buffer`], [`ShapedText::glyph_runs`]).
//!
//! Measuring a [`ShapedText`] against a width re-wraps the already shaped buffer; shaping (the
//! expensive part) runs only when the content or style changes and the cache has no entry for
//! them. [`TextEngine::counters`] reports how many shapings and measurements ran.
//!
//! Wrapping follows CSS: `white_space: normal` wraps at word boundaries (a word longer than the
//! line overflows unless `break_word` is set), `nowrap` never wraps, `\n` always breaks. The
//! min-content width is the longest word (one grapheme with `break_word`); the max-content width
//! is the longest `\n`-separated line. `letter_spacing_px` is supported (cosmic-text applies it as
//! tracking in em units).

use std::hash::{Hash, Hasher};
use std::path::Path;

use cosmic_text::{
    Align, Attrs, Buffer, Family, FontSystem, Metrics, Shaping, Style, Weight, Wrap,
};

use crate::fonts::{self, FamilyRegistry, FontError, ResolvedFamily};

mod batch;

/// Maximum number of shaped buffers kept in the content + style cache.
const SHAPE_CACHE_CAPACITY: usize = 4096;
/// Measurements remembered per text (taffy asks the same few questions repeatedly).
const MEASURE_MEMO: usize = 4;
/// Layout passes a shaped run (word) stays in cosmic-text's run cache without being used again.
/// The cache serves repeats within a pass and across a few frames; older runs are dropped so it
/// stays as small as what recent passes shaped.
const RUN_CACHE_PASSES: u64 = 2;
/// Slack added to a definite wrap width so a line measured at width `w` never re-wraps at `w`
/// because of float rounding.
const WRAP_EPSILON: f32 = 0.01;

/// Whether text wraps (`white_space`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextWrap {
    /// Wrap at break opportunities; `\n` breaks.
    #[default]
    Normal,
    /// Never wrap; only `\n` breaks.
    NoWrap,
}

/// Horizontal alignment of lines (`text_alignment`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextAlign {
    /// Start of the line (left for left-to-right text).
    #[default]
    Start,
    /// Centred.
    Center,
    /// End of the line.
    End,
    /// Justified (the last line of a paragraph is start-aligned).
    Justify,
}

/// Everything that affects how a string is shaped and wrapped.
#[derive(Clone, Debug, PartialEq)]
pub struct TextStyle {
    /// Family name as written in the document (`"default"`, `"monospace"`, a declared family...).
    pub family: String,
    /// Font size in logical px.
    pub size_px: f32,
    /// Weight, 100–900.
    pub weight: u16,
    /// Italic face requested.
    pub italic: bool,
    /// Line height in logical px.
    pub line_height_px: f32,
    /// Extra space after every grapheme, in logical px.
    pub letter_spacing_px: f32,
    /// `white_space`.
    pub wrap: TextWrap,
    /// `word_wrap: break_word`.
    pub break_word: bool,
    /// `text_alignment`.
    pub align: TextAlign,
}

impl Default for TextStyle {
    fn default() -> Self {
        Self {
            family: "default".to_string(),
            size_px: 14.0,
            weight: 400,
            italic: false,
            line_height_px: 14.0 * 1.2,
            letter_spacing_px: 0.0,
            wrap: TextWrap::Normal,
            break_word: false,
            align: TextAlign::Start,
        }
    }
}

impl TextStyle {
    /// Hashes the fields baked into a shaped buffer (everything but the wrap mode).
    fn hash_shaping<H: Hasher>(&self, state: &mut H) {
        // Case-insensitive like `shaping_eq`, without allocating a lower-cased copy.
        for byte in self.family.bytes() {
            state.write_u8(byte.to_ascii_lowercase());
        }
        state.write_usize(self.family.len());
        self.size_px.to_bits().hash(state);
        self.weight.hash(state);
        self.italic.hash(state);
        self.line_height_px.to_bits().hash(state);
        self.letter_spacing_px.to_bits().hash(state);
        self.align.hash(state);
    }

    fn shaping_eq(&self, other: &Self) -> bool {
        self.family.eq_ignore_ascii_case(&other.family)
            && self.size_px == other.size_px
            && self.weight == other.weight
            && self.italic == other.italic
            && self.line_height_px == other.line_height_px
            && self.letter_spacing_px == other.letter_spacing_px
            && self.align == other.align
    }
}

/// The width text is measured against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WidthConstraint {
    /// Break at every opportunity: the result's width is the longest word.
    MinContent,
    /// Never wrap except at `\n`.
    MaxContent,
    /// Wrap within this many logical px.
    Definite(f32),
}

/// The measured size of a text block.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TextSize {
    /// Width of the longest line.
    pub width: f32,
    /// Sum of the line heights.
    pub height: f32,
}

/// One laid-out glyph, relative to the text block's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PositionedGlyph {
    /// Pen x position (includes the glyph's shaping x offset).
    pub x: f32,
    /// Baseline y position (includes the glyph's shaping y offset).
    pub y: f32,
    /// Advance width.
    pub advance: f32,
    /// Glyph index in its font.
    pub glyph_id: u16,
    /// Font in the engine's font database.
    pub font_id: cosmic_text::fontdb::ID,
    /// Font size in logical px.
    pub font_size: f32,
    /// Byte range of the source text this glyph covers.
    pub byte_range: (usize, usize),
}

/// One laid-out line of glyphs.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphRun {
    /// Top of the line box.
    pub line_top: f32,
    /// Baseline.
    pub baseline: f32,
    /// Line height.
    pub line_height: f32,
    /// Width of the line's content.
    pub width: f32,
    /// The glyphs, in visual order.
    pub glyphs: Vec<PositionedGlyph>,
}

/// Counters of the work the engine did (reset with [`TextEngine::reset_counters`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextCounters {
    /// Strings shaped (cache misses of the content + style cache).
    pub shapings: u64,
    /// Shaped buffers reused from the content + style cache.
    pub shape_cache_hits: u64,
    /// Measurements (re-wraps of a shaped buffer against a width).
    pub measurements: u64,
}

/// A string with its style and, once measured, its shaped buffer.
#[derive(Clone, Debug)]
pub struct ShapedText {
    text: String,
    style: TextStyle,
    buffer: Option<Buffer>,
    /// Job of the engine's running shaping batch that will provide `buffer` (see `batch`).
    pub(crate) pending: Option<usize>,
    /// Recent measurements, most recent last (cleared when text or style change).
    memo: Vec<(WidthConstraint, TextSize)>,
    /// The max-content size, once known: any wider definite width gives the same result.
    max_content: Option<TextSize>,
}

impl ShapedText {
    /// Text not yet shaped; shaping happens on the first measurement.
    pub fn new(text: impl Into<String>, style: TextStyle) -> Self {
        Self {
            text: text.into(),
            style,
            buffer: None,
            pending: None,
            memo: Vec::new(),
            max_content: None,
        }
    }

    /// Whether measuring would have to shape first.
    pub(crate) fn needs_shaping(&self) -> bool {
        self.buffer.is_none()
            && self.pending.is_none()
            && !self.text.is_empty()
            && drawable_size(self.style.size_px)
    }

    /// The string.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The style.
    pub fn style(&self) -> &TextStyle {
        &self.style
    }

    /// Replaces text and style. Returns `true` when anything changed (the node must be
    /// re-measured). The shaped buffer is dropped only when shaping inputs changed.
    pub fn set(&mut self, text: &str, style: &TextStyle) -> bool {
        if self.text == text && self.style == *style {
            return false;
        }
        self.memo.clear();
        self.max_content = None;
        if self.text != text || !self.style.shaping_eq(style) {
            self.buffer = None;
            self.pending = None;
            self.text.clear();
            self.text.push_str(text);
        }
        self.style = style.clone();
        true
    }

    /// The shaped cosmic-text buffer (as last laid out), for renderers such as glyphon.
    /// `None` until the text has been measured.
    pub fn buffer(&self) -> Option<&Buffer> {
        self.buffer.as_ref()
    }

    /// The laid-out lines and glyphs, as last laid out (empty until measured).
    pub fn glyph_runs(&self) -> Vec<GlyphRun> {
        let Some(buffer) = &self.buffer else {
            return Vec::new();
        };
        buffer
            .layout_runs()
            .map(|run| GlyphRun {
                line_top: run.line_top,
                baseline: run.line_y,
                line_height: run.line_height,
                width: run.line_w,
                glyphs: run
                    .glyphs
                    .iter()
                    .map(|g| PositionedGlyph {
                        x: g.x + g.font_size * g.x_offset,
                        y: run.line_y + g.y - g.font_size * g.y_offset,
                        advance: g.w,
                        glyph_id: g.glyph_id,
                        font_id: g.font_id,
                        font_size: g.font_size,
                        byte_range: (g.start, g.end),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// Key of the shaping cache: content + shaping-relevant style.
#[derive(Clone, Debug)]
struct ShapeKey {
    text: String,
    style: TextStyle,
}

impl PartialEq for ShapeKey {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.style.shaping_eq(&other.style)
    }
}

impl Eq for ShapeKey {}

impl Hash for ShapeKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
        self.style.hash_shaping(state);
    }
}

/// A hash map with rustc's Fx hash: shape keys are short strings hashed on every lookup, where
/// SipHash's flooding resistance buys nothing (the document chooses its strings).
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Whether a font size can be shaped (positive and finite).
fn drawable_size(size_px: f32) -> bool {
    size_px.is_finite() && size_px > 0.0
}

/// Whether every line of a shaped buffer is at most one word (so has no wrap opportunity).
fn single_word_lines(buffer: &Buffer) -> bool {
    buffer.lines.iter().all(|line| {
        line.shape_opt().is_some_and(|shape| {
            shape
                .spans
                .iter()
                .map(|span| span.words.len())
                .sum::<usize>()
                <= 1
        })
    })
}

/// Owns the font system and measures text. See the module documentation.
pub struct TextEngine {
    font_system: FontSystem,
    families: FamilyRegistry,
    shape_cache: FastMap<ShapeKey, Buffer>,
    counters: TextCounters,
    /// Second font system for shaping large batches on a helper thread (see `batch`).
    helper: Option<FontSystem>,
    /// The batch being shaped while layout runs, if any.
    batch: Option<batch::Batch>,
    /// Whether this layout pass shaped a large batch (see [`Self::end_pass`]).
    large_batch: bool,
}

impl std::fmt::Debug for TextEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextEngine")
            .field("faces", &self.font_system.db().len())
            .field("cached_shapes", &self.shape_cache.len())
            .field("counters", &self.counters)
            .finish()
    }
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// An engine with the bundled fonts only.
    pub fn new() -> Self {
        Self {
            font_system: fonts::bundled_font_system(),
            families: FamilyRegistry::new(),
            shape_cache: FastMap::default(),
            counters: TextCounters::default(),
            helper: None,
            batch: None,
            large_batch: false,
        }
    }

    /// Adds a TTF/OTF/TTC file; returns the family names it provides. Clears the shaping cache
    /// (fallback choices may change); callers holding [`ShapedText`]s must re-measure them
    /// ([`crate::LayoutTree::add_font_file`] does this).
    pub fn add_font_file(&mut self, path: impl AsRef<Path>) -> Result<Vec<String>, FontError> {
        let families = fonts::load_file(&mut self.font_system, &mut self.families, path.as_ref())?;
        self.shape_cache.clear();
        Ok(families)
    }

    /// Adds font data (TTF/OTF/TTC bytes); returns the family names it provides.
    pub fn add_font_bytes(&mut self, bytes: Vec<u8>) -> Result<Vec<String>, FontError> {
        let families =
            fonts::load_bytes(&mut self.font_system, &mut self.families, bytes, "bytes")?;
        self.shape_cache.clear();
        Ok(families)
    }

    /// Makes `alias` another name for `family` (for `font "alias" "file.ttf"` declarations whose
    /// alias differs from the family name inside the file).
    pub fn add_family_alias(&mut self, alias: &str, family: &str) {
        self.families.add_alias(alias, family);
        self.shape_cache.clear();
    }

    /// Resolves a document family name; `known == false` means K0111 (bundled sans used).
    pub fn resolve_family(&self, requested: &str) -> ResolvedFamily {
        self.families.resolve(requested)
    }

    /// Whether `requested` names a bundled, added or aliased family.
    pub fn has_family(&self, requested: &str) -> bool {
        self.families.resolve(requested).known
    }

    /// The cosmic-text font system (for renderers: glyph rasterisation needs it).
    pub fn font_system(&self) -> &FontSystem {
        &self.font_system
    }

    /// Mutable access to the font system.
    pub fn font_system_mut(&mut self) -> &mut FontSystem {
        &mut self.font_system
    }

    /// Work counters.
    pub fn counters(&self) -> TextCounters {
        self.counters
    }

    /// Resets the work counters to zero.
    pub fn reset_counters(&mut self) {
        self.counters = TextCounters::default();
    }

    /// Measures a one-off string (shaping through the cache).
    pub fn measure_str(
        &mut self,
        text: &str,
        style: &TextStyle,
        width: WidthConstraint,
    ) -> TextSize {
        let mut shaped = ShapedText::new(text, style.clone());
        self.measure(&mut shaped, width)
    }

    /// Measures `text` against `width`, shaping it first if needed. Answers repeated questions
    /// from a small per-text memo; a definite width at least the max-content width answers with
    /// the max-content size. Use [`Self::layout_for_width`] before drawing.
    pub fn measure(&mut self, text: &mut ShapedText, width: WidthConstraint) -> TextSize {
        if let Some(&(_, size)) = text.memo.iter().find(|(c, _)| *c == width) {
            return size;
        }
        self.settle(text);
        if let (WidthConstraint::Definite(w), Some(max)) = (width, text.max_content)
            && max.width <= w
        {
            return max;
        }
        let size = if width == WidthConstraint::MinContent
            && text.style.wrap == TextWrap::Normal
            && !text.style.break_word
            && text.buffer.as_ref().is_some_and(single_word_lines)
        {
            // Word wrapping breaks only between words: lines of one word lay out at min-content
            // exactly as unwrapped, so the max-content measurement (often already known) serves.
            self.measure(text, WidthConstraint::MaxContent)
        } else {
            self.measure_uncached(text, width)
        };
        if width == WidthConstraint::MaxContent
            || (text.style.wrap == TextWrap::NoWrap && text.max_content.is_none())
        {
            text.max_content = Some(size);
        }
        if text.memo.len() >= MEASURE_MEMO {
            text.memo.remove(0);
        }
        text.memo.push((width, size));
        size
    }

    fn measure_uncached(&mut self, text: &mut ShapedText, width: WidthConstraint) -> TextSize {
        self.counters.measurements += 1;
        let style = &text.style;
        if text.text.is_empty() || !drawable_size(style.size_px) {
            text.buffer = None;
            return TextSize::default();
        }
        let buffer = match text.buffer.take() {
            Some(buffer) => buffer,
            None => self.shaped_buffer(&text.text, style),
        };
        let buffer = text.buffer.insert(buffer);

        let (wrap, width_opt) = match (style.wrap, width) {
            (TextWrap::NoWrap, _) | (_, WidthConstraint::MaxContent) => (Wrap::None, None),
            (TextWrap::Normal, WidthConstraint::MinContent) => {
                let wrap = if style.break_word {
                    Wrap::Glyph
                } else {
                    Wrap::Word
                };
                (wrap, Some(0.0))
            }
            (TextWrap::Normal, WidthConstraint::Definite(w)) => {
                let wrap = if style.break_word {
                    Wrap::WordOrGlyph
                } else {
                    Wrap::Word
                };
                (wrap, Some(w.max(0.0) + WRAP_EPSILON))
            }
        };
        buffer.set_wrap(wrap);
        buffer.set_size(width_opt, None);
        buffer.shape_until_scroll(&mut self.font_system, false);

        let mut size = TextSize::default();
        let mut lines = 0;
        for run in buffer.layout_runs() {
            size.width = size.width.max(run.line_w);
            size.height += run.line_height;
            lines += 1;
        }
        // CSS fit-content: text that had to wrap fills the width it was given, rather than
        // shrinking to its longest wrapped line.
        if let WidthConstraint::Definite(w) = width
            && lines > buffer.lines.len()
        {
            size.width = size.width.max(w);
        }
        size
    }

    /// Lays `text` out for drawing in a content box `width` px wide (so alignment applies within
    /// it). Does nothing when it is already laid out that way.
    pub fn layout_for_width(&mut self, text: &mut ShapedText, width: f32) {
        self.settle(text);
        let style = &text.style;
        if text.text.is_empty() || !drawable_size(style.size_px) {
            return;
        }
        let wrap = match (style.wrap, style.break_word) {
            (TextWrap::NoWrap, _) => Wrap::None,
            (TextWrap::Normal, true) => Wrap::WordOrGlyph,
            (TextWrap::Normal, false) => Wrap::Word,
        };
        let width_opt = Some(width.max(0.0) + WRAP_EPSILON);
        if let Some(buffer) = &text.buffer
            && buffer.wrap() == wrap
            && buffer.size().0 == width_opt
        {
            return;
        }
        self.counters.measurements += 1;
        let buffer = match text.buffer.take() {
            Some(buffer) => buffer,
            None => self.shaped_buffer(&text.text, style),
        };
        let buffer = text.buffer.insert(buffer);
        buffer.set_wrap(wrap);
        buffer.set_size(width_opt, None);
        buffer.shape_until_scroll(&mut self.font_system, false);
    }

    /// Gives a text left pending by a shaping batch its buffer.
    pub(crate) fn settle(&mut self, text: &mut ShapedText) {
        if let Some(job) = text.pending.take() {
            text.buffer = Some(self.take_pending(text, job));
        }
    }

    /// Returns a shaped buffer for `text` in `style`, from the cache or freshly shaped.
    fn shaped_buffer(&mut self, text: &str, style: &TextStyle) -> Buffer {
        let key = ShapeKey {
            text: text.to_string(),
            style: style.clone(),
        };
        if let Some(buffer) = self.shape_cache.get(&key) {
            self.counters.shape_cache_hits += 1;
            return buffer.clone();
        }
        self.counters.shapings += 1;
        let family = self.families.resolve(&style.family).name;
        let buffer = shape(&mut self.font_system, &family, text, style);
        self.cache_insert(key, buffer.clone());
        buffer
    }

    /// Ends a layout pass: trims the shaped-run caches of both font systems. After a large batch
    /// (a first layout of many texts) they are emptied instead: they hold a run for nearly every
    /// word just shaped, mostly distinct words no later pass asks for, and an idle app would keep
    /// them. The helper's cache serves only batches, so it is emptied after every pass.
    pub(crate) fn end_pass(&mut self) {
        if std::mem::take(&mut self.large_batch) {
            self.font_system.shape_run_cache = Default::default();
        } else {
            self.font_system.shape_run_cache.trim(RUN_CACHE_PASSES);
        }
        if let Some(helper) = self.helper.as_mut() {
            helper.shape_run_cache = Default::default();
        }
    }

    fn cache_insert(&mut self, key: ShapeKey, buffer: Buffer) {
        if self.shape_cache.len() >= SHAPE_CACHE_CAPACITY {
            self.shape_cache.clear();
        }
        self.shape_cache.insert(key, buffer);
    }
}

/// Shapes `text` (no line layout yet: measuring lays it out for the width it is asked about).
pub(crate) fn shape(
    font_system: &mut FontSystem,
    family: &str,
    text: &str,
    style: &TextStyle,
) -> Buffer {
    let line_height = if style.line_height_px > 0.0 && style.line_height_px.is_finite() {
        style.line_height_px
    } else {
        style.size_px * 1.2
    };
    let mut attrs = Attrs::new()
        .family(Family::Name(family))
        .weight(Weight(style.weight.clamp(1, 1000)))
        .style(if style.italic {
            Style::Italic
        } else {
            Style::Normal
        });
    if style.letter_spacing_px != 0.0 && style.letter_spacing_px.is_finite() {
        attrs = attrs.letter_spacing(style.letter_spacing_px / style.size_px);
    }
    let align = match style.align {
        TextAlign::Start => None,
        TextAlign::Center => Some(Align::Center),
        TextAlign::End => Some(Align::End),
        TextAlign::Justify => Some(Align::Justified),
    };
    let mut buffer = Buffer::new_empty(Metrics::new(style.size_px, line_height));
    buffer.set_wrap(Wrap::None);
    buffer.set_text(text, &attrs, Shaping::Advanced, align);
    let tab_width = buffer.tab_width();
    for line in &mut buffer.lines {
        line.shape(font_system, tab_width);
    }
    // Shaping grows its vectors by doubling (the line list, spans reserved one per byte, words,
    // the ellipsis word): a copy holds exactly what was shaped, a third of the memory for short
    // strings. Every text keeps its buffer, so this is most of what a first layout allocates.
    buffer.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(size: f32) -> TextStyle {
        TextStyle {
            size_px: size,
            line_height_px: size * 1.25,
            ..TextStyle::default()
        }
    }

    #[test]
    fn min_content_is_longest_word_and_max_is_one_line() {
        let mut engine = TextEngine::new();
        let s = style(16.0);
        let min = engine.measure_str("a bb extraordinary cc", &s, WidthConstraint::MinContent);
        let word = engine.measure_str("extraordinary", &s, WidthConstraint::MaxContent);
        let max = engine.measure_str("a bb extraordinary cc", &s, WidthConstraint::MaxContent);
        assert!((min.width - word.width).abs() < 0.01, "{min:?} vs {word:?}");
        assert_eq!(max.height, 20.0);
        assert_eq!(min.height, 80.0);
        assert!(max.width > word.width * 1.3);
    }

    #[test]
    fn newline_always_breaks_and_nowrap_does_not_wrap() {
        let mut engine = TextEngine::new();
        let mut s = style(10.0);
        s.wrap = TextWrap::NoWrap;
        let one = engine.measure_str("hello world", &s, WidthConstraint::Definite(5.0));
        assert_eq!(one.height, 12.5);
        let two = engine.measure_str("hello\nworld", &s, WidthConstraint::MaxContent);
        assert_eq!(two.height, 25.0);
    }

    #[test]
    fn definite_width_wraps_and_break_word_splits() {
        let mut engine = TextEngine::new();
        let mut s = style(10.0);
        let max = engine.measure_str("aaaa bbbb cccc", &s, WidthConstraint::MaxContent);
        let wrapped = engine.measure_str(
            "aaaa bbbb cccc",
            &s,
            WidthConstraint::Definite(max.width * 0.7),
        );
        assert_eq!(wrapped.height, 25.0);
        let long = engine.measure_str("aaaaaaaaaaaa", &s, WidthConstraint::Definite(20.0));
        assert_eq!(
            long.height, 12.5,
            "a long word overflows without break_word"
        );
        s.break_word = true;
        let split = engine.measure_str("aaaaaaaaaaaa", &s, WidthConstraint::Definite(20.0));
        assert!(split.height > 25.0 && split.width <= 20.01, "{split:?}");
    }

    #[test]
    fn weights_pick_different_faces_and_counters_count() {
        let mut engine = TextEngine::new();
        let mut s = style(20.0);
        let regular = engine.measure_str("Weighty words", &s, WidthConstraint::MaxContent);
        s.weight = 700;
        let bold = engine.measure_str("Weighty words", &s, WidthConstraint::MaxContent);
        assert!(bold.width > regular.width);
        s.family = "monospace".into();
        s.weight = 400;
        let mono_i = engine.measure_str("iiii", &s, WidthConstraint::MaxContent);
        let mono_m = engine.measure_str("mmmm", &s, WidthConstraint::MaxContent);
        assert!((mono_i.width - mono_m.width).abs() < 0.01);
        assert_eq!(engine.counters().shapings, 4);
        engine.measure_str("iiii", &s, WidthConstraint::MaxContent);
        assert_eq!(engine.counters().shapings, 4);
        assert_eq!(engine.counters().shape_cache_hits, 1);
    }

    #[test]
    fn letter_spacing_widens_text() {
        let mut engine = TextEngine::new();
        let mut s = style(16.0);
        let plain = engine.measure_str("spacing", &s, WidthConstraint::MaxContent);
        s.letter_spacing_px = 2.0;
        let spaced = engine.measure_str("spacing", &s, WidthConstraint::MaxContent);
        assert!(
            (spaced.width - plain.width - 14.0).abs() < 2.5,
            "{plain:?} {spaced:?}"
        );
    }

    #[test]
    fn glyph_runs_expose_positions() {
        let mut engine = TextEngine::new();
        let mut text = ShapedText::new("ab\ncd", style(10.0));
        engine.measure(&mut text, WidthConstraint::MaxContent);
        let runs = text.glyph_runs();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].glyphs.len(), 2);
        assert!(runs[1].line_top >= 12.5 - 0.01);
        assert!(runs[0].glyphs[1].x > runs[0].glyphs[0].x);
        assert!(text.buffer().is_some());
    }

    #[test]
    fn empty_text_is_zero_sized() {
        let mut engine = TextEngine::new();
        let size = engine.measure_str("", &style(10.0), WidthConstraint::MaxContent);
        assert_eq!(size, TextSize::default());
    }
}
