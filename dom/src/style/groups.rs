//! The rarely set parts of a [`ComputedStyle`](super::ComputedStyle): Link/Image, motion,
//! Input, App and Canvas properties. Most elements never set one, so each group is a [`Shared`]
//! value: every style starts with the initial group of its thread and copies it on the first
//! write. This keeps the per-element style small (it is built, compared and moved for every
//! element on each cascade).

use super::values::*;
use crate::value::Value;
use std::ops::Deref;
use std::rc::Rc;

/// A copy-on-write group of fields: reading derefs, [`Shared::make_mut`] writes.
#[derive(Debug, Clone)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T: Clone> Shared<T> {
    /// The group for writing (copied first when another style shares it).
    pub fn make_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    /// Equal values; a shared group is equal without looking (groups are only shared by copying
    /// an initial group, whose values are all reflexive).
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

/// Link `href` and Image `src`, `alt`, `fit`.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaStyle {
    /// `href`.
    pub href: String,
    /// `src`.
    pub src: String,
    /// `alt`.
    pub alt: String,
    /// `fit`.
    pub fit: ImageFit,
}

impl Default for MediaStyle {
    /// The §14 initial values.
    fn default() -> Self {
        MediaStyle {
            href: String::new(),
            src: String::new(),
            alt: String::new(),
            fit: ImageFit::Fill,
        }
    }
}

/// `transition` and `animation` (kry §12).
#[derive(Debug, Clone, PartialEq)]
pub struct MotionStyle {
    /// `transition`.
    pub transition: TransitionSpec,
    /// `animation`.
    pub animation: AnimationSpec,
}

impl Default for MotionStyle {
    /// The §14 initial values.
    fn default() -> Self {
        MotionStyle {
            transition: TransitionSpec::default(),
            animation: AnimationSpec::default(),
        }
    }
}

/// Input properties but `type` (kry §14.5).
#[derive(Debug, Clone, PartialEq)]
pub struct InputStyle {
    /// `value`.
    pub value: AnyValue,
    /// `placeholder`.
    pub placeholder: String,
    /// `pattern`.
    pub pattern: String,
    /// `max_length`.
    pub max_length: Option<i64>,
    /// `min_length`.
    pub min_length: Option<i64>,
    /// `readonly`.
    pub readonly: bool,
    /// `required`.
    pub required: bool,
    /// `multiline` (`None` = unset: compat rule of §14.5 applies).
    pub multiline: Option<bool>,
    /// `min` (`null` = type default).
    pub min: AnyValue,
    /// `max` (`null` = type default).
    pub max: AnyValue,
    /// `step` (`null` = type default).
    pub step: AnyValue,
    /// `name`.
    pub name: String,
    /// `accept`.
    pub accept: String,
    /// `multiple`.
    pub multiple: bool,
}

impl Default for InputStyle {
    /// The §14 initial values.
    fn default() -> Self {
        InputStyle {
            value: AnyValue::default(),
            placeholder: String::new(),
            pattern: String::new(),
            max_length: None,
            min_length: None,
            readonly: false,
            required: false,
            multiline: None,
            min: AnyValue::default(),
            max: AnyValue::default(),
            step: AnyValue::default(),
            name: String::new(),
            accept: String::new(),
            multiple: false,
        }
    }
}

/// App window and script settings (kry §14.6).
#[derive(Debug, Clone, PartialEq)]
pub struct AppStyle {
    /// `window_width`.
    pub window_width: i64,
    /// `window_height`.
    pub window_height: i64,
    /// `window_title`.
    pub window_title: String,
    /// `resizable`.
    pub resizable: bool,
    /// `keep_aspect_ratio`.
    pub keep_aspect_ratio: bool,
    /// `window_min_width`.
    pub window_min_width: Option<i64>,
    /// `window_min_height`.
    pub window_min_height: Option<i64>,
    /// `window_max_width`.
    pub window_max_width: Option<i64>,
    /// `window_max_height`.
    pub window_max_height: Option<i64>,
    /// `scale_factor`.
    pub scale_factor: f32,
    /// `icon`.
    pub icon: String,
    /// `version`.
    pub version: String,
    /// `author`.
    pub author: String,
    /// `default_script_language`.
    pub default_script_language: String,
    /// `script_permissions`.
    pub script_permissions: AnyValue,
    /// `script_memory_limit`.
    pub script_memory_limit: AnyValue,
    /// `script_time_limit`.
    pub script_time_limit: AnyValue,
    /// `script_instruction_limit`.
    pub script_instruction_limit: AnyValue,
    /// `script_stack_depth`.
    pub script_stack_depth: AnyValue,
    /// `random_seed`.
    pub random_seed: AnyValue,
    /// `error_overlay`.
    pub error_overlay: AnyValue,
}

impl Default for AppStyle {
    /// The §14 initial values.
    fn default() -> Self {
        AppStyle {
            window_width: 800,
            window_height: 600,
            window_title: "Kryon App".to_owned(),
            resizable: true,
            keep_aspect_ratio: false,
            window_min_width: None,
            window_min_height: None,
            window_max_width: None,
            window_max_height: None,
            scale_factor: 1.0,
            icon: String::new(),
            version: String::new(),
            author: String::new(),
            default_script_language: String::new(),
            script_permissions: AnyValue::default(),
            script_memory_limit: AnyValue::default(),
            script_time_limit: AnyValue::default(),
            script_instruction_limit: AnyValue::default(),
            script_stack_depth: AnyValue::default(),
            random_seed: AnyValue::default(),
            error_overlay: AnyValue::default(),
        }
    }
}

/// Canvas `mode`, `data`, `config`, `redraw` (kry §14.6).
#[derive(Debug, Clone, PartialEq)]
pub struct CanvasStyle {
    /// Canvas `mode`.
    pub canvas_mode: CanvasMode,
    /// Canvas `data`.
    pub data: AnyValue,
    /// Canvas `config`.
    pub config: AnyValue,
    /// Canvas `redraw`.
    pub redraw: Redraw,
}

impl Default for CanvasStyle {
    /// The §14 initial values.
    fn default() -> Self {
        CanvasStyle {
            canvas_mode: CanvasMode::TwoD,
            data: AnyValue(Value::Object(Default::default())),
            config: AnyValue(Value::Object(Default::default())),
            redraw: Redraw::Always,
        }
    }
}
