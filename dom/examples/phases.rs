//! Prints how long each load phase takes for a generated 10k-element app (a profiling aid).
use std::time::Instant;
fn main() {
    let mut src = String::from(
        "@variables { label: \"start\" }\nstyle \"cell\" { padding: 2 background_color: #EEF }\nApp {\n",
    );
    for row in 0..100 {
        src.push_str("  Container { flex_direction: row gap: 2\n");
        for col in 0..99 {
            if row == 50 && col == 50 {
                src.push_str("    Text { id: \"target\" text: \"$label\" }\n");
            } else if col % 2 == 0 {
                src.push_str(&format!("    Text {{ text: \"{row}.{col}\" }}\n"));
            } else {
                src.push_str("    Container { style: \"cell\" width: 6 height: 6 }\n");
            }
        }
        src.push_str("  }\n");
    }
    src.push_str("}\n");
    for _ in 0..3 {
        let t = Instant::now();
        let loaded = kryon_markup::load_str(std::path::Path::new("b.kry"), &src);
        let parse = t.elapsed();
        let t = Instant::now();
        let (mut dom, _) = kryon_dom::build(loaded.document);
        let build = t.elapsed();
        let t = Instant::now();
        dom.run_bindings();
        dom.run_styles();
        let styles = t.elapsed();
        let t = Instant::now();
        dom.run_layout((1200.0, 800.0));
        let layout = t.elapsed();
        println!(
            "parse {parse:?} build {build:?} styles {styles:?} layout {layout:?} {:?}",
            dom.layout.tree.stats()
        );
        let mut times = Vec::new();
        for i in 0..200 {
            dom.set_variable("label", format!("l{i}").into()).ok();
            let t = Instant::now();
            dom.run_bindings();
            let b = t.elapsed();
            let t = Instant::now();
            dom.run_styles();
            let s = t.elapsed();
            let t = Instant::now();
            dom.run_layout((1200.0, 800.0));
            times.push((b, s, t.elapsed()));
        }
        let n = times.len() as u32;
        let sum = times.iter().fold(
            (
                std::time::Duration::ZERO,
                std::time::Duration::ZERO,
                std::time::Duration::ZERO,
            ),
            |a, x| (a.0 + x.0, a.1 + x.1, a.2 + x.2),
        );
        println!(
            "incremental: bindings {:?} styles {:?} layout {:?}",
            sum.0 / n,
            sum.1 / n,
            sum.2 / n
        );
    }
}
