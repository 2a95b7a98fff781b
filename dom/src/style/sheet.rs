//! Compiled `style` definitions (kry-language.md §5.1–§5.3, §5.6).
//!
//! [`StyleSheet::compile`] validates every property of every `style` block, coerces literal values
//! once, keeps values that mention `$` (or need the expression evaluator) as [`StyleEntry::Bound`],
//! and resolves `extends` (bases left to right, own properties last; pseudo blocks merged per
//! state set). The result for one name is a [`ResolvedStyle`]; the caller turns it into an
//! [`EvaluatedStyle`] with its own evaluator ([`ResolvedStyle::evaluate`]) before the cascade.

use super::catalogue::{self, PropId};
use super::coerce::{advisory, coerce_property};
use super::state::StateSet;
use super::values::{AnyValue, PropValue};
use crate::value::Value;
use kryon_markup::ast::{self, ExprKind, StrPart, ValueKind};
use kryon_markup::{Diagnostic, Diagnostics, Span};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// One property of a compiled style block.
#[derive(Debug, Clone)]
pub enum StyleEntry {
    /// Coerced at compile time.
    Literal(PropValue),
    /// Needs the caller's evaluator (mentions `$`, or is a non-constant expression). For a
    /// catalogue property the id is the property as written (a shorthand stays a shorthand).
    Bound(ast::Value),
}

/// Properties of one block (a style body or one pseudo block) after `extends` merging.
#[derive(Debug, Clone, Default)]
pub struct StyleBlock {
    /// Catalogue properties in application order; a later entry beats an earlier one. Literal
    /// shorthands are already expanded to longhands. One entry per id.
    pub props: Vec<(PropId, StyleEntry)>,
    /// Unknown keys (custom data), by key. Literal values are `PropValue::Any`.
    pub custom: Vec<(String, StyleEntry)>,
}

impl StyleBlock {
    fn set(&mut self, prop: PropId, entry: StyleEntry) {
        self.props.retain(|(p, _)| *p != prop);
        self.props.push((prop, entry));
    }

    fn set_custom(&mut self, key: &str, entry: StyleEntry) {
        self.custom.retain(|(k, _)| k != key);
        self.custom.push((key.to_owned(), entry));
    }

    fn merge(&mut self, other: &StyleBlock) {
        for (prop, entry) in &other.props {
            self.set(*prop, entry.clone());
        }
        for (key, entry) in &other.custom {
            self.set_custom(key, entry.clone());
        }
    }

    fn has_bindings(&self) -> bool {
        self.props
            .iter()
            .map(|(_, e)| e)
            .chain(self.custom.iter().map(|(_, e)| e))
            .any(|e| matches!(e, StyleEntry::Bound(_)))
    }
}

/// A style with its bases applied.
#[derive(Debug, Clone)]
pub struct ResolvedStyle {
    /// Style name.
    pub name: String,
    /// Where the (winning) definition was written.
    pub span: Span,
    /// Own properties, bases merged in.
    pub base: StyleBlock,
    /// Pseudo blocks by state set, in first-appearance order (bases first).
    pub pseudo: Vec<(StateSet, StyleBlock)>,
    /// The evaluated form of a style without bound entries, made once and shared by every
    /// element of the class (`None` when some entry needs the evaluator).
    pub literal: Option<Rc<EvaluatedStyle>>,
}

/// A problem found while evaluating a bound style entry: report it as a K0310 warning.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingIssue {
    /// Where the binding was written.
    pub span: Span,
    /// The property.
    pub prop: Option<PropId>,
    /// Why the value was unusable (from coercion).
    pub message: String,
}

impl BindingIssue {
    /// The K0310 warning for this issue.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::warning("K0310", self.message.clone()).at(self.span)
    }
}

/// A style whose entries are all values: what the cascade consumes for each class (layers 4, 5).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvaluatedStyle {
    /// Properties (longhands after expansion) in application order.
    pub props: Vec<(PropId, PropValue)>,
    /// Pseudo blocks in rank-independent source order.
    pub pseudo: Vec<(StateSet, Vec<(PropId, PropValue)>)>,
    /// Custom data.
    pub custom: Vec<(String, AnyValue)>,
    /// Bound entries whose value could not be coerced (they are skipped).
    pub issues: Vec<BindingIssue>,
}

/// A class as the cascade sees it.
pub type ResolvedClass = EvaluatedStyle;

impl ResolvedStyle {
    /// True if any entry needs the evaluator.
    pub fn has_bindings(&self) -> bool {
        self.base.has_bindings() || self.pseudo.iter().any(|(_, b)| b.has_bindings())
    }

    /// Evaluates bound entries with `eval` (the caller's expression evaluator, in the element's
    /// scope) and coerces them. `eval` returning `None` skips the entry (the caller reports why);
    /// a value that does not coerce is skipped and listed in [`EvaluatedStyle::issues`].
    pub fn evaluate(&self, eval: &mut dyn FnMut(&ast::Value) -> Option<Value>) -> EvaluatedStyle {
        let mut issues = Vec::new();
        let props = evaluate_block(&self.base, eval, &mut issues);
        let pseudo = self
            .pseudo
            .iter()
            .map(|(states, block)| (*states, evaluate_block(block, eval, &mut issues)))
            .collect();
        let mut custom = Vec::new();
        for (key, entry) in &self.base.custom {
            match entry {
                StyleEntry::Literal(PropValue::Any(v)) => custom.push((key.clone(), v.clone())),
                StyleEntry::Literal(_) => {}
                StyleEntry::Bound(value) => {
                    if let Some(atoms) = eval_atoms(value, eval) {
                        let v = if atoms.len() == 1 {
                            atoms.into_iter().next().unwrap_or_default()
                        } else {
                            Value::Array(atoms)
                        };
                        custom.push((key.clone(), AnyValue(v)));
                    }
                }
            }
        }
        EvaluatedStyle {
            props,
            pseudo,
            custom,
            issues,
        }
    }
}

/// Evaluates a value; a shorthand list evaluates atom by atom.
fn eval_atoms(
    value: &ast::Value,
    eval: &mut dyn FnMut(&ast::Value) -> Option<Value>,
) -> Option<Vec<Value>> {
    match &value.kind {
        ValueKind::List(exprs) => exprs
            .iter()
            .map(|e| {
                eval(&ast::Value {
                    kind: ValueKind::Expr(e.clone()),
                    span: e.span,
                })
            })
            .collect(),
        _ => eval(value).map(|v| vec![v]),
    }
}

fn evaluate_block(
    block: &StyleBlock,
    eval: &mut dyn FnMut(&ast::Value) -> Option<Value>,
    issues: &mut Vec<BindingIssue>,
) -> Vec<(PropId, PropValue)> {
    let mut out = Vec::with_capacity(block.props.len());
    for (prop, entry) in &block.props {
        match entry {
            StyleEntry::Literal(v) => out.push((*prop, v.clone())),
            StyleEntry::Bound(value) => {
                let Some(atoms) = eval_atoms(value, eval) else {
                    continue;
                };
                match coerce_property(*prop, &atoms) {
                    Ok(pairs) => out.extend(pairs),
                    Err(e) => issues.push(BindingIssue {
                        span: value.span,
                        prop: Some(*prop),
                        message: format!("unusable value for `{prop}`: {}", e.message),
                    }),
                }
            }
        }
    }
    out
}

/// All compiled styles of a document.
#[derive(Debug, Clone, Default)]
pub struct StyleSheet {
    styles: FxHashMap<String, ResolvedStyle>,
    order: Vec<String>,
}

/// One definition compiled on its own (before `extends`).
struct Compiled<'a> {
    def: &'a ast::StyleDef,
    base: StyleBlock,
    pseudo: Vec<(StateSet, StyleBlock)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Visiting,
    Done,
}

impl StyleSheet {
    /// Compiles `style` definitions in document order; diagnostics go to `diags`.
    pub fn compile(defs: &[&ast::StyleDef], diags: &mut Diagnostics) -> StyleSheet {
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        let mut compiled: Vec<Compiled<'_>> = Vec::new();
        let mut order: Vec<String> = Vec::new();
        for def in defs {
            let (base, pseudo) = compile_def(def, diags);
            let entry = Compiled { def, base, pseudo };
            let name = def.name.text.as_str();
            if let Some(&i) = by_name.get(name) {
                diags.push(
                    Diagnostic::warning(
                        "K0109",
                        format!("style \"{name}\" is defined again; the later definition wins"),
                    )
                    .at(def.name.span)
                    .with_label("redefined here"),
                );
                compiled[i] = entry;
            } else {
                by_name.insert(name, compiled.len());
                compiled.push(entry);
                order.push(name.to_owned());
            }
        }
        let mut marks: HashMap<String, Mark> = HashMap::new();
        let mut styles: FxHashMap<String, ResolvedStyle> = FxHashMap::default();
        for i in 0..compiled.len() {
            resolve(i, &compiled, &by_name, &mut marks, &mut styles, diags);
        }
        StyleSheet { styles, order }
    }

    /// The resolved style with this name.
    pub fn get(&self, name: &str) -> Option<&ResolvedStyle> {
        self.styles.get(name)
    }

    /// Style names in definition order (for "did you mean" suggestions).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    /// Number of styles.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when there is no style.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

fn resolve(
    index: usize,
    compiled: &[Compiled<'_>],
    by_name: &HashMap<&str, usize>,
    marks: &mut HashMap<String, Mark>,
    styles: &mut FxHashMap<String, ResolvedStyle>,
    diags: &mut Diagnostics,
) {
    let c = &compiled[index];
    let name = c.def.name.text.clone();
    if marks.contains_key(&name) {
        return;
    }
    marks.insert(name.clone(), Mark::Visiting);
    let mut base = StyleBlock::default();
    let mut pseudo: Vec<(StateSet, StyleBlock)> = Vec::new();
    for base_name in &c.def.extends {
        let Some(&bi) = by_name.get(base_name.text.as_str()) else {
            let mut d = Diagnostic::error(
                "K0107",
                format!("unknown base style \"{}\" in extends", base_name.text),
            )
            .at(base_name.span)
            .with_label("no style with this name");
            if let Some(s) = suggest(&base_name.text, by_name.keys().copied()) {
                d = d.with_help(format!("did you mean \"{s}\"?"));
            }
            diags.push(d);
            continue;
        };
        if marks.get(&base_name.text) == Some(&Mark::Visiting) {
            diags.push(
                Diagnostic::error(
                    "K0108",
                    format!(
                        "style \"{name}\" extends itself through \"{}\"",
                        base_name.text
                    ),
                )
                .at(base_name.span)
                .with_label("this base leads back to the style"),
            );
            continue;
        }
        resolve(bi, compiled, by_name, marks, styles, diags);
        if let Some(resolved) = styles.get(&base_name.text) {
            base.merge(&resolved.base);
            merge_pseudo(&mut pseudo, &resolved.pseudo);
        }
    }
    base.merge(&c.base);
    merge_pseudo(&mut pseudo, &c.pseudo);
    marks.insert(name.clone(), Mark::Done);
    let mut resolved = ResolvedStyle {
        name: name.clone(),
        span: c.def.span,
        base,
        pseudo,
        literal: None,
    };
    if !resolved.has_bindings() {
        resolved.literal = Some(Rc::new(resolved.evaluate(&mut |_| None)));
    }
    styles.insert(name, resolved);
}

fn merge_pseudo(into: &mut Vec<(StateSet, StyleBlock)>, from: &[(StateSet, StyleBlock)]) {
    for (states, block) in from {
        match into.iter_mut().find(|(s, _)| s == states) {
            Some((_, existing)) => existing.merge(block),
            None => into.push((*states, block.clone())),
        }
    }
}

fn compile_def(
    def: &ast::StyleDef,
    diags: &mut Diagnostics,
) -> (StyleBlock, Vec<(StateSet, StyleBlock)>) {
    let mut base = StyleBlock::default();
    let mut seen = Vec::new();
    for property in &def.properties {
        compile_property(property, &mut base, &mut seen, diags);
    }
    let mut pseudo: Vec<(StateSet, StyleBlock)> = Vec::new();
    for block in &def.pseudo_blocks {
        let mut compiled = StyleBlock::default();
        let mut seen = Vec::new();
        for property in &block.properties {
            compile_property(property, &mut compiled, &mut seen, diags);
        }
        merge_pseudo(
            &mut pseudo,
            &[(StateSet::from_states(&block.states), compiled)],
        );
    }
    (base, pseudo)
}

/// Compiles one property into `block`. `seen` holds the canonical keys already written in this
/// block (for the K0109 repeated-key warning).
fn compile_property(
    property: &ast::Property,
    block: &mut StyleBlock,
    seen: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    let key = property.key.text.as_str();
    let value = &property.value;
    let canonical = catalogue::lookup(key).map_or_else(|| key.to_owned(), |p| p.name().to_owned());
    if seen.contains(&canonical) {
        diags.push(
            Diagnostic::warning(
                "K0109",
                format!("\"{key}\" is set twice in this block; the later value wins"),
            )
            .at(property.key.span),
        );
    } else {
        seen.push(canonical);
    }
    let Some(prop) = catalogue::lookup(key) else {
        if !key.starts_with("data_") {
            let mut d = Diagnostic::warning(
                "K0104",
                format!("unknown property \"{key}\" (kept as custom data)"),
            )
            .at(property.key.span)
            .with_label("not in the property catalogue");
            if let Some(s) = suggest(key, catalogue::known_keys()) {
                d = d.with_help(format!("did you mean \"{s}\"?"));
            }
            diags.push(d);
        }
        let entry = match literal_atoms(value) {
            Some(atoms) if atoms.len() == 1 => StyleEntry::Literal(PropValue::Any(AnyValue(
                atoms.into_iter().next().unwrap_or_default(),
            ))),
            Some(atoms) => StyleEntry::Literal(PropValue::Any(AnyValue(Value::Array(atoms)))),
            None => StyleEntry::Bound(value.clone()),
        };
        block.set_custom(key, entry);
        return;
    };
    if prop.forbidden_in_style() {
        diags.push(
            Diagnostic::error("K0208", format!("\"{key}\" is not allowed in a style"))
                .at(property.key.span)
                .with_label("styles hold no ids, keys, classes or handlers"),
        );
        return;
    }
    if matches!(value.kind, ValueKind::Call(_)) {
        diags.push(
            Diagnostic::error(
                "K0303",
                format!("a call is only valid for handlers, not for \"{key}\""),
            )
            .at(value.span),
        );
        return;
    }
    let Some(atoms) = literal_atoms(value) else {
        block.set(prop, StyleEntry::Bound(value.clone()));
        return;
    };
    match coerce_property(prop, &atoms) {
        Ok(pairs) => {
            if let Some(w) = advisory(prop, &atoms) {
                diags.push(Diagnostic::warning(w.code, w.message).at(value.span));
            }
            for (p, v) in pairs {
                block.set(p, StyleEntry::Literal(v));
            }
        }
        Err(e) => diags.push(Diagnostic::error(e.code, e.message).at(value.span)),
    }
}

/// The literal atoms of a value: one for an ordinary value, several for a shorthand list.
/// `None` when anything needs the evaluator.
fn literal_atoms(value: &ast::Value) -> Option<Vec<Value>> {
    match &value.kind {
        ValueKind::List(exprs) => exprs.iter().map(literal_value).collect(),
        _ => literal_of_value(value).map(|v| vec![v]),
    }
}

/// True if the value contains a `$` reference anywhere.
pub fn value_mentions_var(value: &ast::Value) -> bool {
    match &value.kind {
        ValueKind::Expr(e) => expr_mentions_var(e),
        ValueKind::List(exprs) => exprs.iter().any(expr_mentions_var),
        ValueKind::Array(values) => values.iter().any(value_mentions_var),
        ValueKind::Object(pairs) => pairs.iter().any(|(_, v)| value_mentions_var(v)),
        ValueKind::Call(call) => call.args.iter().any(expr_mentions_var),
    }
}

/// True if the expression contains a `$` reference anywhere.
pub fn expr_mentions_var(expr: &ast::Expr) -> bool {
    match &expr.kind {
        ExprKind::Var(_) => true,
        ExprKind::Str(parts) => parts.iter().any(|p| matches!(p, StrPart::Var(_))),
        ExprKind::Unary(_, e) => expr_mentions_var(e),
        ExprKind::Binary(_, a, b) => expr_mentions_var(a) || expr_mentions_var(b),
        ExprKind::Ternary(c, a, b) => {
            expr_mentions_var(c) || expr_mentions_var(a) || expr_mentions_var(b)
        }
        ExprKind::Array(items) => items.iter().any(expr_mentions_var),
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Number { .. }
        | ExprKind::Color(_)
        | ExprKind::Text(_)
        | ExprKind::Ident(_) => false,
    }
}

/// The runtime value of a constant expression: numbers with units become strings (`50%` →
/// `"50%"`), colours `Value::Color`, identifiers and plain strings `Value::Str`, `-N` a negative
/// number, arrays of literals arrays. `None` for anything that needs the evaluator.
pub fn literal_value(expr: &ast::Expr) -> Option<Value> {
    crate::expr::constant(expr)
}

/// [`literal_value`] for a whole value: arrays and objects of literals. `None` for shorthand
/// lists (use their atoms), calls, and anything that needs the evaluator.
pub fn literal_of_value(value: &ast::Value) -> Option<Value> {
    match &value.kind {
        ValueKind::Expr(e) => literal_value(e),
        ValueKind::Array(values) => Some(Value::Array(
            values.iter().map(literal_of_value).collect::<Option<_>>()?,
        )),
        ValueKind::Object(pairs) => {
            let mut map = BTreeMap::new();
            for (name, v) in pairs {
                map.insert(name.text.clone(), literal_of_value(v)?);
            }
            Some(Value::Object(map))
        }
        ValueKind::List(_) | ValueKind::Call(_) => None,
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(!a[i - 1].eq_ignore_ascii_case(&b[j - 1]));
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate to `name` by edit distance (case-insensitive), if it is close enough
/// to be a plausible typo (at most 1 edit for short names, up to a third of the length, max 3).
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::values::Length;
    use crate::value::Color;
    use kryon_markup::ast::{
        Expr, Name, Property, PseudoBlock, PseudoState, StyleDef, UnaryOp, Unit,
    };

    fn sp() -> Span {
        Span::default()
    }

    fn name(text: &str) -> Name {
        Name {
            text: text.to_owned(),
            span: sp(),
        }
    }

    fn expr(kind: ExprKind) -> Expr {
        Expr { kind, span: sp() }
    }

    fn val(kind: ExprKind) -> ast::Value {
        ast::Value {
            kind: ValueKind::Expr(expr(kind)),
            span: sp(),
        }
    }

    fn num(n: f64) -> ast::Value {
        val(ExprKind::Number {
            value: n,
            unit: None,
        })
    }

    fn ident(s: &str) -> ast::Value {
        val(ExprKind::Ident(s.to_owned()))
    }

    fn var(s: &str) -> ast::Value {
        val(ExprKind::Var(Box::new(ast::VarPath {
            root: name(s),
            segments: Vec::new(),
            span: sp(),
        })))
    }

    fn prop(key: &str, value: ast::Value) -> Property {
        Property {
            key: name(key),
            value,
            span: sp(),
        }
    }

    fn style(
        n: &str,
        extends: &[&str],
        props: Vec<Property>,
        pseudo: Vec<PseudoBlock>,
    ) -> StyleDef {
        StyleDef {
            name: name(n),
            extends: extends.iter().map(|e| name(e)).collect(),
            properties: props,
            pseudo_blocks: pseudo,
            span: sp(),
        }
    }

    fn block(states: &[PseudoState], props: Vec<Property>) -> PseudoBlock {
        PseudoBlock {
            states: states.to_vec(),
            properties: props,
            span: sp(),
        }
    }

    fn literal(s: &ResolvedStyle, p: PropId) -> Option<&PropValue> {
        s.base
            .props
            .iter()
            .find(|(q, _)| *q == p)
            .and_then(|(_, e)| match e {
                StyleEntry::Literal(v) => Some(v),
                StyleEntry::Bound(_) => None,
            })
    }

    fn codes(d: &Diagnostics) -> Vec<&'static str> {
        d.as_slice().iter().map(|d| d.code).collect()
    }

    #[test]
    fn literals_convert() {
        assert!(matches!(
            literal_value(&expr(ExprKind::Number { value: 50.0, unit: Some(Unit::Percent) })),
            Some(Value::Str(s)) if s == "50%"
        ));
        assert!(matches!(
            literal_value(&expr(ExprKind::Unary(UnaryOp::Neg, Box::new(expr(ExprKind::Number { value: 1.5, unit: Some(Unit::Px) }))))),
            Some(Value::Str(s)) if s == "-1.5px"
        ));
        assert!(matches!(
            literal_value(&expr(ExprKind::Number {
                value: 3.0,
                unit: None
            })),
            Some(Value::Int(3))
        ));
        assert!(literal_value(&expr(ExprKind::Str(vec![StrPart::Text("a".into())]))).is_some());
        assert!(value_mentions_var(&var("x")));
        assert!(!value_mentions_var(&num(1.0)));
        let obj = ast::Value {
            kind: ValueKind::Object(vec![(
                name("rotate"),
                val(ExprKind::Number {
                    value: 30.0,
                    unit: Some(Unit::Deg),
                }),
            )]),
            span: sp(),
        };
        assert!(matches!(literal_of_value(&obj), Some(Value::Object(m)) if m.len() == 1));
    }

    #[test]
    fn extends_order_chain_and_own_wins() {
        let a = style(
            "a",
            &[],
            vec![prop("width", num(1.0)), prop("height", num(1.0))],
            vec![],
        );
        let b = style(
            "b",
            &[],
            vec![prop("width", num(2.0)), prop("opacity", num(0.5))],
            vec![],
        );
        let c = style("c", &["a", "b"], vec![prop("height", num(3.0))], vec![]);
        let d = style("d", &["c"], vec![], vec![]);
        let mut diags = Diagnostics::default();
        let sheet = StyleSheet::compile(&[&d, &c, &a, &b], &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let d = sheet.get("d").expect("d");
        assert_eq!(
            literal(d, PropId::Width),
            Some(&PropValue::Length(Length::Px(2.0)))
        );
        assert_eq!(
            literal(d, PropId::Height),
            Some(&PropValue::Length(Length::Px(3.0)))
        );
        assert_eq!(literal(d, PropId::Opacity), Some(&PropValue::Number(0.5)));
        assert_eq!(sheet.names().collect::<Vec<_>>(), vec!["d", "c", "a", "b"]);
    }

    #[test]
    fn extends_errors() {
        let a = style("a", &["b"], vec![prop("width", num(1.0))], vec![]);
        let b = style("b", &["a"], vec![], vec![]);
        let c = style("c", &["cardd"], vec![], vec![]);
        let card = style("card", &[], vec![], vec![]);
        let mut diags = Diagnostics::default();
        let sheet = StyleSheet::compile(&[&a, &b, &c, &card], &mut diags);
        assert_eq!(codes(&diags), vec!["K0108", "K0107"]);
        assert_eq!(
            diags.as_slice()[1].help.as_deref(),
            Some("did you mean \"card\"?")
        );
        assert!(sheet.get("a").is_some() && sheet.get("b").is_some() && sheet.get("c").is_some());
        // `a` is resolved first: its base `b` is resolved without the cyclic edge back to `a`.
        assert_eq!(
            literal(sheet.get("a").expect("a"), PropId::Width),
            Some(&PropValue::Length(Length::Px(1.0)))
        );
        assert_eq!(literal(sheet.get("b").expect("b"), PropId::Width), None);
    }

    #[test]
    fn pseudo_blocks_merge_per_state() {
        use PseudoState::*;
        let base = style(
            "base",
            &[],
            vec![],
            vec![
                block(
                    &[Hover],
                    vec![
                        prop("bg", val(ExprKind::Color([1, 1, 1, 255]))),
                        prop("opacity", num(0.5)),
                    ],
                ),
                block(&[Checked, Hover], vec![prop("opacity", num(0.7))]),
            ],
        );
        let tab = style(
            "tab",
            &["base"],
            vec![],
            vec![block(&[Hover], vec![prop("opacity", num(0.9))])],
        );
        let mut diags = Diagnostics::default();
        let sheet = StyleSheet::compile(&[&base, &tab], &mut diags);
        let tab = sheet.get("tab").expect("tab");
        assert_eq!(tab.pseudo.len(), 2);
        let (states, hover) = &tab.pseudo[0];
        assert_eq!(*states, StateSet::from(Hover));
        assert_eq!(hover.props.len(), 2);
        assert!(
            matches!(&hover.props[1], (PropId::Opacity, StyleEntry::Literal(PropValue::Number(n))) if (*n - 0.9).abs() < 1e-6)
        );
        assert!(tab.pseudo[1].0.is_compound());
    }

    #[test]
    fn validation_diagnostics() {
        let s = style(
            "s",
            &[],
            vec![
                prop("id", ident("x")),
                prop("onClick", ident("go")),
                prop("hint", ident("x")),
                prop("data_role", ident("x")),
                prop("color", ident("red")),
                prop("display", ident("inline")),
                prop(
                    "margin",
                    ast::Value {
                        kind: ValueKind::List(vec![
                            expr(ExprKind::Number {
                                value: 1.0,
                                unit: None
                            });
                            5
                        ]),
                        span: sp(),
                    },
                ),
                prop("width", num(1.0)),
                prop("width", num(2.0)),
                prop("display", ident("grid")),
                prop(
                    "transition",
                    val(ExprKind::Str(vec![StrPart::Text(
                        "opacity 1s wobble".into(),
                    )])),
                ),
                prop("background_color", var("accent")),
            ],
            vec![],
        );
        let dup = style("s", &[], vec![prop("height", num(5.0))], vec![]);
        let mut diags = Diagnostics::default();
        let sheet = StyleSheet::compile(&[&s], &mut diags);
        assert_eq!(
            codes(&diags),
            vec![
                "K0208", "K0208", "K0104", "K0301", "K0304", "K0305", "K0109", "K0109", "K0603",
                "K0307"
            ]
        );
        let s1 = sheet.get("s").expect("s");
        assert_eq!(s1.base.custom.len(), 2);
        assert_eq!(
            literal(s1, PropId::Width),
            Some(&PropValue::Length(Length::Px(2.0)))
        );
        assert!(matches!(
            s1.base.props.last(),
            Some((PropId::BackgroundColor, StyleEntry::Bound(_)))
        ));
        assert!(s1.has_bindings());
        let mut diags = Diagnostics::default();
        let sheet = StyleSheet::compile(&[&s, &dup], &mut diags);
        assert!(codes(&diags).contains(&"K0109"));
        assert!(literal(sheet.get("s").expect("s"), PropId::Width).is_none());
    }

    #[test]
    fn evaluation_of_bound_entries() {
        let list = ast::Value {
            kind: ValueKind::List(vec![
                expr(ExprKind::Var(Box::new(ast::VarPath {
                    root: name("gap"),
                    segments: vec![],
                    span: sp(),
                }))),
                expr(ExprKind::Number {
                    value: 0.0,
                    unit: None,
                }),
            ]),
            span: sp(),
        };
        let s = style(
            "s",
            &[],
            vec![
                prop("margin", list),
                prop("bg", var("accent")),
                prop("width", var("bad")),
                prop("hint", var("h")),
            ],
            vec![],
        );
        let mut diags = Diagnostics::default();
        let sheet = StyleSheet::compile(&[&s], &mut diags);
        let resolved = sheet.get("s").expect("s");
        let evaluated = resolved.evaluate(&mut |v| match &v.kind {
            ValueKind::Expr(Expr {
                kind: ExprKind::Var(p),
                ..
            }) => match p.root.text.as_str() {
                "gap" => Some(Value::Int(8)),
                "accent" => Some(Value::str("#ff0000")),
                "bad" => Some(Value::str("wide")),
                "h" => Some(Value::str("hello")),
                _ => None,
            },
            ValueKind::Expr(e) => literal_value(e),
            _ => None,
        });
        assert_eq!(evaluated.props.len(), 5);
        assert_eq!(
            evaluated.props[0],
            (PropId::MarginTop, PropValue::Length(Length::Px(8.0)))
        );
        assert_eq!(
            evaluated.props[1],
            (PropId::MarginRight, PropValue::Length(Length::Px(0.0)))
        );
        assert_eq!(
            evaluated.props[4],
            (
                PropId::BackgroundColor,
                PropValue::Color(Color::rgba(255, 0, 0, 255))
            )
        );
        assert_eq!(evaluated.issues.len(), 1);
        assert_eq!(evaluated.issues[0].to_diagnostic().code, "K0310");
        assert_eq!(
            evaluated.custom,
            vec![("hint".to_owned(), AnyValue(Value::str("hello")))]
        );
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("cardd", ["card", "panel"]), Some("card".to_owned()));
        assert_eq!(
            suggest("colr", catalogue::known_keys()),
            Some("color".to_owned())
        );
        assert_eq!(suggest("zzzzzz", ["card"]), None);
    }
}
