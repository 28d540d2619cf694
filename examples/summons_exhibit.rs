//! Makes the exhibit shipped with the worked example: a one-page sample of the agency's
//! administrative summons (19 U.S.C. § 1509), laid out and written by Drafter's own
//! pipeline (typeset, printpdf), so that no outside file ships with Drafter. The example
//! case attaches it to the complaint as Exhibit A (`builtin:alt-uscis-summons.pdf`).
//!
//! Rebuild it with `cargo run --example summons_exhibit` (it writes
//! templates/examples/alt-uscis-summons.pdf, or the path given), then rebuild Drafter.
//! The text is Drafter's own sample, not a copy of the agency's document.

use chrono::NaiveDate;
use drafter::pdf::PdfInfo;
use drafter::typeset::model::{Align, Element, Para, Spacing, Span};
use drafter::typeset::{self, CourtStyle};

fn para(spans: Vec<Span>) -> Para {
    Para::new(spans)
        .align(Align::Left)
        .spacing(Spacing::Single)
        .space_before(1)
}

fn center(spans: Vec<Span>) -> Element {
    Element::Para(
        Para::new(spans)
            .align(Align::Center)
            .spacing(Spacing::Single),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "templates/examples/alt-uscis-summons.pdf".into());
    let style = CourtStyle::load("federal", None)?;
    let p = |t: &str| Element::Para(para(vec![Span::plain(t)]));
    let labelled = |label: &str, t: &str| {
        Element::Para(para(vec![Span::bold(format!("{label} ")), Span::plain(t)]))
    };
    let elements = vec![
        center(vec![Span::bold("DEPARTMENT OF HOMELAND SECURITY")]),
        center(vec![Span::bold("U.S. CUSTOMS AND BORDER PROTECTION")]),
        center(vec![Span::plain("Office of Professional Responsibility")]),
        Element::Para(
            Para::new(vec![Span::bold("SUMMONS")])
                .align(Align::Center)
                .spacing(Spacing::Single)
                .space_before(2),
        ),
        center(vec![Span::plain("Issued under 19 U.S.C. § 1509")]),
        center(vec![Span::plain("Summons No. OPR-2017-0314-ALT")]),
        labelled(
            "To:",
            "Twitter, Inc., Attention: Custodian of Records, 1355 Market Street, Suite 900, San Francisco, CA 94103.",
        ),
        p("By this summons you are required to appear before Special Agent Jordan Reyes, an officer of U.S. Customs and Border Protection, at the place and time below, to give testimony and to produce the records described below for inspection and copying, in connection with an inquiry conducted under 19 U.S.C. § 1509."),
        labelled(
            "Records to be produced:",
            "All records regarding the Twitter account @ALT_USCIS, including but not limited to user names, account login records, telephone numbers, mailing addresses, and Internet Protocol addresses used to create or to reach the account.",
        ),
        labelled(
            "Place and time:",
            "Office of Professional Responsibility, 1300 Pennsylvania Avenue NW, Washington, DC 20229, on or before March 13, 2017, at 11:00 a.m. The records may instead be sent to the officer named above by that date.",
        ),
        p("Failure to comply with this summons may render you liable to proceedings in a district court of the United States to enforce compliance with it."),
        labelled("Issued:", "March 14, 2017, at Washington, D.C."),
        Element::Para(
            Para::new(vec![Span::plain(
                "/s/ Jordan Reyes\nSpecial Agent\nOffice of Professional Responsibility\nU.S. Customs and Border Protection",
            )])
            .align(Align::Left)
            .spacing(Spacing::Single)
            .space_before(2)
            .indent(252.0, 0.0),
        ),
        Element::Para(
            Para::new(vec![Span {
                text: "Sample prepared by Drafter for its worked example; not a copy of any agency's document.".into(),
                bold: false,
                italic: true,
            }])
            .align(Align::Center)
            .spacing(Spacing::Single)
            .space_before(3),
        ),
    ];
    let footer = typeset::FooterText {
        title: "Summons".into(),
        short_title: "SUMMONS".into(),
        case_number: String::new(),
        legend: String::new(),
    };
    let pages = typeset::layout::layout(&elements, &style, &footer)?;
    let info = PdfInfo {
        title: "Administrative summons No. OPR-2017-0314-ALT (sample)".into(),
        author: "Drafter (sample exhibit)".into(),
        subject: "Sample administrative summons under 19 U.S.C. § 1509 for the @ALT_USCIS example"
            .into(),
        keywords: vec!["exhibit".into(), "sample".into()],
        date: NaiveDate::from_ymd_opt(2017, 3, 14).ok_or("date")?,
    };
    std::fs::write(&out, drafter::pdf::write(&pages, &info))?;
    eprintln!("wrote {out} ({} page(s))", pages.len());
    Ok(())
}
