//! The preview's SVG pages: every word the PDF prints, where the PDF prints it, without
//! `<tspan>` (WebKitGTK keeps native memory for every tspan it lays out; docs/app.md).

mod common;
use chrono::NaiveDate;
use drafter::filing::{prepare, Options};
use drafter::template::Catalog;

fn svgs() -> (Vec<String>, String) {
    let profile = drafter::examples::profile("alt-uscis").unwrap();
    let opts = Options::dated(NaiveDate::from_ymd_opt(2017, 4, 7).unwrap());
    let filing = prepare(&profile, &Catalog::builtin(), "complaint", &opts).unwrap();
    (filing.to_svg(), filing.to_text())
}

/// The words of an SVG page in document order (tags dropped, entities decoded).
fn words(svg: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in svg.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    text.split_whitespace().map(str::to_string).collect()
}

fn attr(tag: &str, name: &str) -> Option<f64> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()?.parse().ok()
}

#[test]
fn justified_lines_are_one_text_per_word_and_nothing_is_lost() {
    let (pages, text) = svgs();
    let svg = pages.concat();
    assert!(!svg.contains("<tspan"), "no tspan");
    let groups: Vec<&str> = svg
        .split("<g ")
        .skip(1)
        .map(|g| g.split("</g>").next().unwrap())
        .collect();
    assert!(
        groups.len() > 20,
        "the complaint's body is justified: {} lines",
        groups.len()
    );
    for g in &groups {
        // Words of one line: one baseline, left to right, each placed by x.
        let texts: Vec<&str> = g
            .split("<text")
            .skip(1)
            .map(|t| t.split('>').next().unwrap())
            .collect();
        assert!(texts.len() > 1, "{g}");
        let ys: Vec<f64> = texts.iter().map(|t| attr(t, "y").expect("y")).collect();
        let xs: Vec<f64> = texts.iter().map(|t| attr(t, "x").expect("x")).collect();
        assert!(ys.windows(2).all(|w| w[0] == w[1]), "one baseline: {g}");
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "left to right: {g}");
    }
    // Every word of the laid-out text on the pages, no more, no fewer (the SVG draws in
    // layout order, the text reads by line: compare them sorted).
    let mut want: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    let mut got: Vec<String> = pages.iter().flat_map(|p| words(p)).collect();
    want.sort();
    got.sort();
    assert!(want.len() > 2000, "{} words", want.len());
    assert_eq!(got, want);
}
