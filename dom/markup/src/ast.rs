//! The syntax tree of a `.kry` document (kry-language.md §2–§12).
//!
//! The parser produces one [`Document`] for the main file with every `@include` spliced in at its
//! first include site, so `items` is in *document order* (kry §10). Names are not resolved here:
//! variables, styles, components and functions are looked up by the element tree builder in
//! `kryon-dom`. Every node keeps its [`Span`] so later stages can point diagnostics at it.

use crate::source::{FileId, SourceMap, Span};
use std::path::PathBuf;

/// A whole document: main file plus includes.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Top-level items in document order (included files' items at their first include site).
    pub items: Vec<Item>,
    /// Every file read (main file first).
    pub sources: SourceMap,
    /// The main file.
    pub main_file: FileId,
}

/// A top-level item.
#[derive(Debug, Clone)]
pub enum Item {
    /// One `@variables` entry or one `@var` declaration.
    Variable(VarDecl),
    /// `style "name" { … }`.
    Style(StyleDef),
    /// `@keyframes "name" { … }`.
    Keyframes(KeyframesDef),
    /// `font "family" "path"`.
    Font(FontDef),
    /// `Define Name { … }`.
    Component(ComponentDef),
    /// `@script "lang" { … }` or `@script "lang" from "file"`.
    Script(ScriptBlock),
    /// `@function "lang" name(args) { … }` (also `@method`, `@func`).
    Function(FunctionDecl),
    /// A top-level element (the root `App`, or elements to wrap in an implicit App).
    Element(Element),
}

/// An identifier or a name written as a string, with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// The text (property keys are normalised: `-` → `_`).
    pub text: String,
    /// Where it was written.
    pub span: Span,
}

/// `name: value` inside `@variables`, or `@var name = value`.
#[derive(Debug, Clone)]
pub struct VarDecl {
    /// Variable name.
    pub name: Name,
    /// Initial value.
    pub value: Value,
}

/// `style "name" { … }`.
#[derive(Debug, Clone)]
pub struct StyleDef {
    /// Style (class) name.
    pub name: Name,
    /// `extends:` bases, in order.
    pub extends: Vec<Name>,
    /// Properties, in source order (a repeated key keeps both entries; the later wins).
    pub properties: Vec<Property>,
    /// `&:state { … }` blocks.
    pub pseudo_blocks: Vec<PseudoBlock>,
    /// Whole definition.
    pub span: Span,
}

/// A pseudo-state (kry §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PseudoState {
    /// Pointer over the element or a descendant.
    Hover,
    /// Keyboard focus.
    Focus,
    /// Primary button held on the element.
    Active,
    /// `checked` is true.
    Checked,
    /// Effective `disabled` is true.
    Disabled,
}

impl PseudoState {
    /// Parses a state name.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "hover" => Self::Hover,
            "focus" => Self::Focus,
            "active" => Self::Active,
            "checked" => Self::Checked,
            "disabled" => Self::Disabled,
            _ => return None,
        })
    }

    /// The state's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Hover => "hover",
            Self::Focus => "focus",
            Self::Active => "active",
            Self::Checked => "checked",
            Self::Disabled => "disabled",
        }
    }
}

/// `&:hover { … }` or a compound `&:checked:hover { … }`.
#[derive(Debug, Clone)]
pub struct PseudoBlock {
    /// One state, or several for a compound block.
    pub states: Vec<PseudoState>,
    /// Properties of the block.
    pub properties: Vec<Property>,
    /// Whole block.
    pub span: Span,
}

/// `key: value`.
#[derive(Debug, Clone)]
pub struct Property {
    /// Key, normalised (`-` → `_`) but not alias-resolved.
    pub key: Name,
    /// Value.
    pub value: Value,
    /// Key through value.
    pub span: Span,
}

/// A property or variable value (kry §4.1).
#[derive(Debug, Clone)]
pub struct Value {
    /// The form.
    pub kind: ValueKind,
    /// The value's own span (the caret of a bad-value diagnostic goes here).
    pub span: Span,
}

/// Value forms.
#[derive(Debug, Clone)]
pub enum ValueKind {
    /// A single expression (literals included).
    Expr(Expr),
    /// Unquoted shorthand atoms: `margin: 20 0` (two or more atoms).
    List(Vec<Expr>),
    /// `[ … ]`.
    Array(Vec<Value>),
    /// `{ key: value … }` (keys bare or quoted).
    Object(Vec<(Name, Value)>),
    /// `name(args…)`: a handler call form.
    /// (Boxed: rare, and it would double the size of every value.)
    Call(Box<CallValue>),
}

/// `name(args…)`: see [`ValueKind::Call`].
#[derive(Debug, Clone)]
pub struct CallValue {
    /// Function name.
    pub name: Name,
    /// Arguments, evaluated when the event fires.
    pub args: Vec<Expr>,
}

/// An expression (kry §7).
#[derive(Debug, Clone)]
pub struct Expr {
    /// The form.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// Units that may follow a number (kry §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// `px`
    Px,
    /// `%`
    Percent,
    /// `em`
    Em,
    /// `rem`
    Rem,
    /// `vw`
    Vw,
    /// `vh`
    Vh,
    /// `deg`
    Deg,
    /// `rad`
    Rad,
    /// `turn`
    Turn,
    /// `ms`
    Ms,
    /// `s`
    S,
}

impl Unit {
    /// Parses a unit suffix.
    pub fn from_suffix(suffix: &str) -> Option<Self> {
        Some(match suffix {
            "px" => Self::Px,
            "%" => Self::Percent,
            "em" => Self::Em,
            "rem" => Self::Rem,
            "vw" => Self::Vw,
            "vh" => Self::Vh,
            "deg" => Self::Deg,
            "rad" => Self::Rad,
            "turn" => Self::Turn,
            "ms" => Self::Ms,
            "s" => Self::S,
            _ => return None,
        })
    }

    /// The suffix as written.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Px => "px",
            Self::Percent => "%",
            Self::Em => "em",
            Self::Rem => "rem",
            Self::Vw => "vw",
            Self::Vh => "vh",
            Self::Deg => "deg",
            Self::Rad => "rad",
            Self::Turn => "turn",
            Self::Ms => "ms",
            Self::S => "s",
        }
    }
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `!x`
    Not,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `||`
    Or,
    /// `&&`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
}

/// Expression forms.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, with an optional unit glued to it.
    Number {
        /// Numeric value.
        value: f64,
        /// Unit, if any.
        unit: Option<Unit>,
    },
    /// A quoted string that is exactly one piece of literal text (escapes processed): the
    /// common case, kept apart so it costs one allocation. Means the same as
    /// `Str(vec![StrPart::Text(text)])`, which the parser never produces.
    Text(String),
    /// Any other quoted string, split into literal text and `$` references (kry §6.5): the
    /// empty string (no parts) and strings with references.
    Str(Vec<StrPart>),
    /// An unquoted colour literal `#rgb[a]`/`#rrggbb[aa]`, or `transparent`, as RGBA bytes.
    Color([u8; 4]),
    /// A bare identifier (`center`, `bold`, `content_wrapper`): the string of the same name,
    /// except where the builder reads it as a variable (`@if`/`@for` headers, kry §8).
    Ident(String),
    /// `$name`, `$a.b[1]`, `${path}` (boxed to keep expressions small).
    Var(Box<VarPath>),
    /// `-x`, `!x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `cond ? a : b`.
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>),
    /// An array literal inside an expression position (`@for x in ["a", "b"]`).
    Array(Vec<Expr>),
}

/// Part of a quoted string.
#[derive(Debug, Clone)]
pub enum StrPart {
    /// Literal text (escapes already processed).
    Text(String),
    /// `$name` or `${path}` inside the string.
    Var(VarPath),
}

/// `$root.field[index]…`.
#[derive(Debug, Clone)]
pub struct VarPath {
    /// First name.
    pub root: Name,
    /// Member accesses and indexes, in order.
    pub segments: Vec<PathSegment>,
    /// Whole reference including `$`.
    pub span: Span,
}

/// One step of a [`VarPath`].
#[derive(Debug, Clone)]
pub enum PathSegment {
    /// `.name` (also `.length`).
    Field(Name),
    /// `[expr]` (1-based).
    Index(Box<Expr>),
}

/// An element (kry §3).
#[derive(Debug, Clone)]
pub struct Element {
    /// Element or component name.
    pub name: Name,
    /// Body items in source order.
    pub body: Vec<BodyItem>,
    /// Whole element.
    pub span: Span,
}

/// An item of an element body.
#[derive(Debug, Clone)]
pub enum BodyItem {
    /// `key: value`.
    Property(Property),
    /// `&:state { … }` directly inside an element (boxed, like the blocks: rare and large).
    PseudoBlock(Box<PseudoBlock>),
    /// A child element.
    Element(Element),
    /// `@for … @end`.
    For(Box<ForBlock>),
    /// `@if … @end`.
    If(Box<IfBlock>),
    /// `"text"` or `["a", "b"]` directly in a body: sets `text` (lines joined with `\n`).
    Text(Vec<Expr>, Span),
}

/// `@for item[, index] in collection … @end`.
#[derive(Debug, Clone)]
pub struct ForBlock {
    /// Item variable.
    pub item: Name,
    /// Optional index variable (1-based).
    pub index: Option<Name>,
    /// Collection expression (a bare identifier here names a variable, K0114).
    pub collection: Expr,
    /// Body (elements, nested `@for`/`@if`).
    pub body: Vec<BodyItem>,
    /// Whole block.
    pub span: Span,
}

/// `@if cond … [@elif cond …]* [@else …] @end`.
#[derive(Debug, Clone)]
pub struct IfBlock {
    /// `(condition, body)` for `@if` and each `@elif`.
    pub branches: Vec<(Expr, Vec<BodyItem>)>,
    /// `@else` body.
    pub else_body: Option<Vec<BodyItem>>,
    /// Whole block.
    pub span: Span,
}

/// Declared component property type (kry §9).
#[derive(Debug, Clone, PartialEq)]
pub enum PropType {
    /// `String`
    String,
    /// `Int`
    Int,
    /// `Float`
    Float,
    /// `Number`
    Number,
    /// `Bool`
    Bool,
    /// `Color`
    Color,
    /// `StyleID`
    StyleId,
    /// `Resource`
    Resource,
    /// `Array`
    Array,
    /// `Object`
    Object,
    /// `Handler`
    Handler,
    /// `Any`
    Any,
    /// `Enum(a, b, …)`
    Enum(Vec<String>),
}

/// A component property declaration.
#[derive(Debug, Clone)]
pub struct PropDecl {
    /// Name (`_` prefix = private).
    pub name: Name,
    /// Declared type, if written.
    pub ty: Option<PropType>,
    /// Default value, if written.
    pub default: Option<Value>,
    /// Whole declaration.
    pub span: Span,
}

/// `Define Name { … }`.
#[derive(Debug, Clone)]
pub struct ComponentDef {
    /// Component name.
    pub name: Name,
    /// Properties from `Properties { … }` and `name = value` lines, in order.
    pub props: Vec<PropDecl>,
    /// Template roots (exactly one is valid, K0209).
    pub templates: Vec<Element>,
    /// `@function`s inside the definition.
    pub functions: Vec<FunctionDecl>,
    /// `@script`s inside the definition (run once).
    pub scripts: Vec<ScriptBlock>,
    /// Whole definition.
    pub span: Span,
}

/// `@keyframes "name" { 0% { … } 100% { … } }`.
#[derive(Debug, Clone)]
pub struct KeyframesDef {
    /// Name.
    pub name: Name,
    /// Frames in source order.
    pub frames: Vec<Keyframe>,
    /// Whole definition.
    pub span: Span,
}

/// One keyframe block.
#[derive(Debug, Clone)]
pub struct Keyframe {
    /// Offsets in 0..=1 (`from` = 0, `to` = 1, `50%` = 0.5).
    pub offsets: Vec<f32>,
    /// Properties (an `easing:` property applies to the segment after this frame).
    pub properties: Vec<Property>,
    /// Whole frame.
    pub span: Span,
}

/// `font "family" "path"`.
#[derive(Debug, Clone)]
pub struct FontDef {
    /// Family name.
    pub family: Name,
    /// Path resolved relative to the declaring file.
    pub path: PathBuf,
    /// The path as written.
    pub path_span: Span,
    /// Whole declaration.
    pub span: Span,
}

/// Script language as written in the markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// Canonical name: `lua`, `javascript`, `python`, `wren` or `lisp` (`js`/`py` normalised).
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// Where a script unit's code comes from.
#[derive(Debug, Clone)]
pub enum ScriptSource {
    /// `{ … }` inside the markup.
    Inline {
        /// Raw code between the braces.
        code: String,
        /// 1-based `.kry` line of the code's first line (line k of the code is `line + k - 1`).
        line: usize,
        /// The code's span.
        span: Span,
    },
    /// `from "file.lua"`: the file was read into the source map.
    File {
        /// Resolved path.
        path: PathBuf,
        /// The file in the source map (its own lines are used in diagnostics).
        file: FileId,
        /// The path as written.
        span: Span,
    },
}

/// `@script "lang" [attrs] { … }` or `from "file"`.
#[derive(Debug, Clone)]
pub struct ScriptBlock {
    /// Language.
    pub language: Language,
    /// `name`, `mode`, `path`, `minify`, `threshold` attributes.
    pub attributes: Vec<(Name, String)>,
    /// The code.
    pub source: ScriptSource,
    /// Whole block.
    pub span: Span,
}

/// Part of a function name (names may interpolate instance properties, kry §9).
#[derive(Debug, Clone)]
pub enum NamePart {
    /// Literal text.
    Text(String),
    /// `${path}`.
    Var(VarPath),
}

/// `@function "lang" name(params) { body }`.
#[derive(Debug, Clone)]
pub struct FunctionDecl {
    /// Language.
    pub language: Language,
    /// Name parts (usually one `Text`).
    pub name: Vec<NamePart>,
    /// Name span.
    pub name_span: Span,
    /// Parameter names.
    pub params: Vec<Name>,
    /// Raw body between the braces.
    pub body: String,
    /// 1-based `.kry` line of the body's first line.
    pub body_line: usize,
    /// Whole declaration.
    pub span: Span,
}

#[cfg(test)]
mod size_tests {
    use super::*;
    use std::mem::size_of;

    /// The AST is copied into body vectors and dropped in bulk: keep the common nodes small.
    #[test]
    fn common_nodes_stay_small() {
        eprintln!(
            "BodyItem {} Property {} Value {} Expr {} Element {} Name {}",
            size_of::<BodyItem>(),
            size_of::<Property>(),
            size_of::<Value>(),
            size_of::<Expr>(),
            size_of::<Element>(),
            size_of::<Name>()
        );
        assert!(size_of::<Expr>() <= 48);
        assert!(size_of::<Value>() <= 64);
        assert!(size_of::<BodyItem>() <= 128);
    }
}
