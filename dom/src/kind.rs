//! Element kinds: the built-in catalogue of kry-language.md §13.

/// What an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ElementKind {
    /// The window and root flex column.
    App,
    /// Generic box.
    Container,
    /// Text leaf.
    Text,
    /// Clickable text with `href`.
    Link,
    /// Bitmap image.
    Image,
    /// Button (flex row, centred).
    Button,
    /// Form input (`type` selects the behaviour).
    Input,
    /// 2D drawing surface.
    Canvas,
    /// `List`, `Grid`, `Scrollable`, `Tabs`, `Video`: lay out like a Container (K0601).
    ReservedContainer(ReservedKind),
    /// `EmbedView`, `WasmView`, `NativeRendererView`: a labelled 300×150 placeholder (K0601).
    ReservedView(ReservedKind),
}

/// Names of reserved elements (kry §13.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReservedKind {
    /// `List`
    List,
    /// `Grid`
    Grid,
    /// `Scrollable`
    Scrollable,
    /// `Tabs`
    Tabs,
    /// `Video`
    Video,
    /// `EmbedView`
    EmbedView,
    /// `WasmView`
    WasmView,
    /// `NativeRendererView`
    NativeRendererView,
}

impl ElementKind {
    /// Resolves a built-in element name.
    pub fn from_name(name: &str) -> Option<Self> {
        use ReservedKind as R;
        Some(match name {
            "App" => Self::App,
            "Container" => Self::Container,
            "Text" => Self::Text,
            "Link" => Self::Link,
            "Image" => Self::Image,
            "Button" => Self::Button,
            "Input" => Self::Input,
            "Canvas" => Self::Canvas,
            "List" => Self::ReservedContainer(R::List),
            "Grid" => Self::ReservedContainer(R::Grid),
            "Scrollable" => Self::ReservedContainer(R::Scrollable),
            "Tabs" => Self::ReservedContainer(R::Tabs),
            "Video" => Self::ReservedContainer(R::Video),
            "EmbedView" => Self::ReservedView(R::EmbedView),
            "WasmView" => Self::ReservedView(R::WasmView),
            "NativeRendererView" => Self::ReservedView(R::NativeRendererView),
            _ => return None,
        })
    }

    /// The element's type name as written in markup.
    pub fn name(self) -> &'static str {
        use ReservedKind as R;
        match self {
            Self::App => "App",
            Self::Container => "Container",
            Self::Text => "Text",
            Self::Link => "Link",
            Self::Image => "Image",
            Self::Button => "Button",
            Self::Input => "Input",
            Self::Canvas => "Canvas",
            Self::ReservedContainer(r) | Self::ReservedView(r) => match r {
                R::List => "List",
                R::Grid => "Grid",
                R::Scrollable => "Scrollable",
                R::Tabs => "Tabs",
                R::Video => "Video",
                R::EmbedView => "EmbedView",
                R::WasmView => "WasmView",
                R::NativeRendererView => "NativeRendererView",
            },
        }
    }

    /// True for elements whose `text` property is drawn (Text, Button, Link, Input).
    pub fn has_text(self) -> bool {
        matches!(self, Self::Text | Self::Button | Self::Link | Self::Input)
    }

    /// True for reserved elements, whose properties are never validated.
    pub fn is_reserved(self) -> bool {
        matches!(self, Self::ReservedContainer(_) | Self::ReservedView(_))
    }
}
