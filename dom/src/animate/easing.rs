//! Easing functions (kry §12.3): evaluation of every [`Easing`], the closed-form damped spring,
//! and [`Easing::parse`], the `Result` form used by scripts.
//!
//! The enum itself lives in [`crate::style::values`] because `transition` and `animation` strings
//! are parsed there; this module gives it behaviour.

pub use crate::style::values::{CurveFamily, CurveMode, Easing};

impl Easing {
    /// Parses an easing name (`-` ≡ `_`, case-insensitive): `linear`, `ease*`,
    /// `cubic_bezier(x1,y1,x2,y2)`, `ease_{in,out,in_out}_F`, `spring(stiffness, damping)`,
    /// `spring` (= `spring(170, 26)`) and `steps(n)`.
    pub fn parse(text: &str) -> Result<Easing, String> {
        Easing::from_name(text).ok_or_else(|| format!("unknown or malformed easing `{text}`"))
    }

    /// True for `spring(…)`, which ignores the duration.
    pub fn is_spring(&self) -> bool {
        matches!(self, Easing::Spring { .. })
    }

    /// The eased progress at `t` ∈ [0,1]. Springs are evaluated from rest over their own time
    /// scale (use [`spring_at`] with real time instead); here `t` is read as seconds.
    pub fn ease(&self, t: f64) -> f64 {
        let t = t.clamp(0.0, 1.0);
        match *self {
            Easing::Linear => t,
            Easing::Ease => bezier(0.25, 0.1, 0.25, 1.0, t),
            Easing::EaseIn => bezier(0.42, 0.0, 1.0, 1.0, t),
            Easing::EaseOut => bezier(0.0, 0.0, 0.58, 1.0, t),
            Easing::EaseInOut => bezier(0.42, 0.0, 0.58, 1.0, t),
            Easing::CubicBezier(x1, y1, x2, y2) => bezier(
                f64::from(x1).clamp(0.0, 1.0),
                f64::from(y1),
                f64::from(x2).clamp(0.0, 1.0),
                f64::from(y2),
                t,
            ),
            Easing::Curve(mode, family) => curve(mode, family, t),
            Easing::Spring { stiffness, damping } => {
                spring_at(f64::from(stiffness), f64::from(damping), 0.0, t).0
            }
            Easing::Steps(n) => {
                if t >= 1.0 {
                    1.0
                } else {
                    let n = f64::from(n.max(1));
                    // A step lands on its jump even when clock rounding leaves progress a hair
                    // short of it (500 ms into 1000 ms from frame times is 0.4999999999999).
                    (t * n + 1e-9).floor() / n
                }
            }
        }
    }
}

/// The CSS cubic Bézier from (0,0) to (1,1): solves x(s) = t for s, returns y(s).
fn bezier(x1: f64, y1: f64, x2: f64, y2: f64, t: f64) -> f64 {
    if t <= 0.0 || t >= 1.0 {
        return t;
    }
    // Polynomial coefficients of B(s) = a s³ + b s² + c s.
    let cx = 3.0 * x1;
    let bx = 3.0 * (x2 - x1) - cx;
    let ax = 1.0 - cx - bx;
    let cy = 3.0 * y1;
    let by = 3.0 * (y2 - y1) - cy;
    let ay = 1.0 - cy - by;
    let x_at = |s: f64| ((ax * s + bx) * s + cx) * s;
    let dx_at = |s: f64| (3.0 * ax * s + 2.0 * bx) * s + cx;
    // Newton first (fast), bisection as the fallback (always converges: x is monotonic).
    let mut s = t;
    for _ in 0..8 {
        let err = x_at(s) - t;
        if err.abs() < 1e-9 {
            return ((ay * s + by) * s + cy) * s;
        }
        let d = dx_at(s);
        if d.abs() < 1e-9 {
            break;
        }
        s -= err / d;
    }
    let (mut lo, mut hi) = (0.0, 1.0);
    s = t;
    for _ in 0..60 {
        let x = x_at(s);
        if (x - t).abs() < 1e-9 {
            break;
        }
        if x < t {
            lo = s;
        } else {
            hi = s;
        }
        s = 0.5 * (lo + hi);
    }
    ((ay * s + by) * s + cy) * s
}

fn bounce_out(t: f64) -> f64 {
    const N: f64 = 7.5625;
    const D: f64 = 2.75;
    if t < 1.0 / D {
        N * t * t
    } else if t < 2.0 / D {
        let t = t - 1.5 / D;
        N * t * t + 0.75
    } else if t < 2.5 / D {
        let t = t - 2.25 / D;
        N * t * t + 0.9375
    } else {
        let t = t - 2.625 / D;
        N * t * t + 0.984375
    }
}

/// The `In` form of a family (kry §12.3 table).
fn curve_in(family: CurveFamily, t: f64) -> f64 {
    use std::f64::consts::PI;
    match family {
        CurveFamily::Quad => t * t,
        CurveFamily::Cubic => t * t * t,
        CurveFamily::Quart => t * t * t * t,
        CurveFamily::Quint => t * t * t * t * t,
        CurveFamily::Sine => 1.0 - (PI * t / 2.0).cos(),
        CurveFamily::Expo => {
            if t <= 0.0 {
                0.0
            } else {
                2f64.powf(10.0 * t - 10.0)
            }
        }
        CurveFamily::Circ => 1.0 - (1.0 - t * t).max(0.0).sqrt(),
        CurveFamily::Back => 2.70158 * t * t * t - 1.70158 * t * t,
        CurveFamily::Elastic => {
            if t <= 0.0 || t >= 1.0 {
                t
            } else {
                -(2f64.powf(10.0 * t - 10.0)) * ((10.0 * t - 10.75) * 2.0 * PI / 3.0).sin()
            }
        }
        // Bounce is defined by its Out curve.
        CurveFamily::Bounce => 1.0 - bounce_out(1.0 - t),
    }
}

fn curve(mode: CurveMode, family: CurveFamily, t: f64) -> f64 {
    match mode {
        CurveMode::In => curve_in(family, t),
        CurveMode::Out => match family {
            CurveFamily::Bounce => bounce_out(t),
            _ => 1.0 - curve_in(family, 1.0 - t),
        },
        CurveMode::InOut => {
            if t < 0.5 {
                curve_in(family, 2.0 * t) / 2.0
            } else {
                1.0 - curve_in(family, 2.0 - 2.0 * t) / 2.0
            }
        }
    }
}

/// Position and velocity (per second) of a damped spring of mass 1 moving from 0 towards 1,
/// `secs` seconds after it started with velocity `v0`. Closed form, so the result depends only
/// on the time, never on the frame rate.
pub fn spring_at(stiffness: f64, damping: f64, v0: f64, secs: f64) -> (f64, f64) {
    let k = stiffness.max(1e-6);
    let w0 = k.sqrt();
    let zeta = damping.max(0.0) / (2.0 * w0);
    let y0 = -1.0; // displacement from the target
    let t = secs.max(0.0);
    let (y, v) = if (zeta - 1.0).abs() < 1e-6 {
        let b = v0 + w0 * y0;
        let e = (-w0 * t).exp();
        let y = e * (y0 + b * t);
        let v = e * (b - w0 * (y0 + b * t));
        (y, v)
    } else if zeta < 1.0 {
        let wd = w0 * (1.0 - zeta * zeta).sqrt();
        let a = y0;
        let b = (v0 + zeta * w0 * y0) / wd;
        let e = (-zeta * w0 * t).exp();
        let (s, c) = (wd * t).sin_cos();
        let y = e * (a * c + b * s);
        let v = e * ((b * wd - zeta * w0 * a) * c - (a * wd + zeta * w0 * b) * s);
        (y, v)
    } else {
        let root = (zeta * zeta - 1.0).sqrt();
        let r1 = -w0 * (zeta - root);
        let r2 = -w0 * (zeta + root);
        let a = (v0 - r2 * y0) / (r1 - r2);
        let b = y0 - a;
        let (e1, e2) = ((r1 * t).exp(), (r2 * t).exp());
        (a * e1 + b * e2, a * r1 * e1 + b * r2 * e2)
    };
    (1.0 + y, v)
}

/// The time in ms after which a spring started with velocity `v0` is at rest:
/// |1 − x| < 0.001 and |v| < 0.001 (kry §12.3). Searched once per animation in 1 ms steps,
/// capped at 60 s.
pub fn spring_settle_ms(stiffness: f64, damping: f64, v0: f64) -> f64 {
    let mut ms = 0.0;
    while ms < 60_000.0 {
        let (x, v) = spring_at(stiffness, damping, v0, ms / 1000.0);
        if (1.0 - x).abs() < 0.001 && v.abs() < 0.001 {
            return ms;
        }
        ms += 1.0;
    }
    ms
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAMILIES: [CurveFamily; 10] = [
        CurveFamily::Quad,
        CurveFamily::Cubic,
        CurveFamily::Quart,
        CurveFamily::Quint,
        CurveFamily::Sine,
        CurveFamily::Expo,
        CurveFamily::Circ,
        CurveFamily::Back,
        CurveFamily::Elastic,
        CurveFamily::Bounce,
    ];

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn every_easing_hits_its_endpoints() {
        let mut all = vec![
            Easing::Linear,
            Easing::Ease,
            Easing::EaseIn,
            Easing::EaseOut,
            Easing::EaseInOut,
            Easing::CubicBezier(0.1, 0.7, 0.3, 1.4),
            Easing::Steps(4),
        ];
        for f in FAMILIES {
            for m in [CurveMode::In, CurveMode::Out, CurveMode::InOut] {
                all.push(Easing::Curve(m, f));
            }
        }
        for e in all {
            assert!(close(e.ease(0.0), 0.0), "{e:?} at 0 = {}", e.ease(0.0));
            assert!(close(e.ease(1.0), 1.0), "{e:?} at 1 = {}", e.ease(1.0));
        }
    }

    #[test]
    fn known_values() {
        // CSS `ease` at 0.5 ≈ 0.8024.
        assert!((Easing::Ease.ease(0.5) - 0.8024).abs() < 1e-3);
        assert!(close(Easing::Linear.ease(0.3), 0.3));
        assert!(close(Easing::EaseInOut.ease(0.5), 0.5));
        let q = Easing::Curve(CurveMode::In, CurveFamily::Quad);
        assert!(close(q.ease(0.5), 0.25));
        let qo = Easing::Curve(CurveMode::Out, CurveFamily::Quad);
        assert!(close(qo.ease(0.5), 0.75));
        let qio = Easing::Curve(CurveMode::InOut, CurveFamily::Cubic);
        assert!(close(qio.ease(0.25), 0.0625));
        // Bounce out at 0.5: 7.5625·(0.5 − 1.5/2.75)² + 0.75.
        let b = Easing::Curve(CurveMode::Out, CurveFamily::Bounce);
        assert!(close(b.ease(0.5), 0.765625));
        let bi = Easing::Curve(CurveMode::In, CurveFamily::Bounce);
        assert!(close(bi.ease(0.5), 1.0 - 0.765625));
        // Back overshoots below zero.
        assert!(Easing::Curve(CurveMode::In, CurveFamily::Back).ease(0.2) < 0.0);
        let s = Easing::Steps(4);
        assert_eq!(
            [0.0, 0.24, 0.25, 0.5, 0.99, 1.0].map(|t| s.ease(t)),
            [0.0, 0.0, 0.25, 0.5, 0.75, 1.0]
        );
        assert_eq!(s.ease(0.5 - 1e-13), 0.5, "rounding of clock times");
    }

    #[test]
    fn parse_accepts_dashes_and_rejects_unknowns() {
        assert_eq!(Easing::parse("ease-in-out"), Ok(Easing::EaseInOut));
        assert_eq!(
            Easing::parse("spring"),
            Ok(Easing::Spring {
                stiffness: 170.0,
                damping: 26.0
            })
        );
        assert_eq!(Easing::parse("steps(4)"), Ok(Easing::Steps(4)));
        assert!(Easing::parse("wobble").is_err());
    }

    #[test]
    fn spring_settles_and_is_frame_rate_independent() {
        let settle = spring_settle_ms(170.0, 26.0, 0.0);
        assert!(settle > 100.0 && settle < 3000.0, "{settle}");
        let (x, v) = spring_at(170.0, 26.0, 0.0, settle / 1000.0);
        assert!((1.0 - x).abs() < 0.001 && v.abs() < 0.001);
        // Underdamped springs overshoot, then settle.
        let bouncy = spring_settle_ms(220.0, 8.0, 0.0);
        let peak = (0..bouncy as usize)
            .map(|ms| spring_at(220.0, 8.0, 0.0, ms as f64 / 1000.0).0)
            .fold(0.0, f64::max);
        assert!(peak > 1.05);
        // The value at a given time does not depend on how it was sampled.
        let at = |t: f64| spring_at(220.0, 8.0, 0.0, t).0;
        let mut t60 = 0.0;
        for _ in 0..30 {
            t60 += 1.0 / 60.0;
        }
        let mut t144 = 0.0;
        for _ in 0..72 {
            t144 += 1.0 / 144.0;
        }
        assert!((at(t60) - at(t144)).abs() < 1e-9);
        // Overdamped and critical springs reach the target without overshoot.
        for (k, c) in [(100.0, 40.0), (100.0, 20.0)] {
            let s = spring_settle_ms(k, c, 0.0);
            assert!(s < 60_000.0);
            assert!(
                (0..s as usize).all(|ms| spring_at(k, c, 0.0, ms as f64 / 1000.0).0 <= 1.0 + 1e-9)
            );
        }
        // Initial velocity is kept: moving fast at t = 0.
        assert!((spring_at(170.0, 26.0, 5.0, 0.0).1 - 5.0).abs() < 1e-9);
    }
}
