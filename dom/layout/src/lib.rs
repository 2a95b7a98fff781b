//! `kryon-layout`: flexbox layout (taffy) and text shaping (cosmic-text) for the element tree.
