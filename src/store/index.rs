//! What the store derives from a case's latest profile: the full-text search row, the
//! list columns, and the people and courts offered again in the app's pickers.
//! Protected values (the true identity behind a pseudonymous party) never enter any of it.

use crate::profile::{CaseProfile, Counsel, PartyKind};
use rusqlite::{params, Connection};

/// Writes every derived row for case `id` from `profile`, replacing what was there. Runs
/// inside the caller's transaction.
pub(crate) fn reindex(
    tx: &Connection,
    id: i64,
    title: &str,
    profile: &CaseProfile,
) -> rusqlite::Result<()> {
    let clean = cleaner(profile);
    search_row(tx, id, title, profile, &clean)?;
    list_columns(tx, id, profile)?;
    counsel_picker(tx, id, profile)?;
    party_picker(tx, id, profile, &clean)
}

/// The full-text search row (rowid = case id): titles, party names, case number, court
/// and facts, each with the protected values blanked out by `clean`.
fn search_row(
    tx: &Connection,
    id: i64,
    title: &str,
    profile: &CaseProfile,
    clean: &dyn Fn(&str) -> String,
) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM case_search WHERE rowid = ?1", [id])?;
    let mut title_text = title.to_string();
    if !profile.title.is_empty() && profile.title != title {
        title_text.push('\n');
        title_text.push_str(&profile.title);
    }
    let mut parties = Vec::new();
    for p in &profile.parties {
        parties.push(p.name.as_str());
        if let Some(s) = &p.short_name {
            parties.push(s);
        }
    }
    let court = court_line(profile);
    let mut facts = Vec::new();
    for f in &profile.facts {
        if let Some(h) = &f.heading {
            facts.push(h.as_str());
        }
        facts.push(&f.text);
    }
    tx.prepare_cached(
        "INSERT INTO case_search (rowid, title, parties, case_number, court, facts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        clean(&title_text),
        clean(&parties.join("\n")),
        clean(profile.case_number.as_deref().unwrap_or("")),
        clean(&court),
        clean(&facts.join("\n")),
    ])?;
    Ok(())
}

/// The case list's columns, which the court picker also reads.
fn list_columns(tx: &Connection, id: i64, profile: &CaseProfile) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE cases SET case_number = ?2, court_name = ?3, court_district = ?4,
                          court_division = ?5, court_style = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        profile.case_number.as_deref().unwrap_or(""),
        profile.court.name,
        profile.court.district,
        profile.court.division,
        profile.court.style,
    ])?;
    Ok(())
}

/// The counsel picker: each counsel's record, without whom they represent in this case.
fn counsel_picker(tx: &Connection, id: i64, profile: &CaseProfile) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM case_counsel WHERE case_id = ?1", [id])?;
    let mut ins = tx.prepare_cached(
        "INSERT INTO case_counsel (case_id, position, name, bar_number, firm, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, c) in profile.counsel.iter().enumerate() {
        let record = Counsel {
            represents: Vec::new(),
            ..c.clone()
        };
        ins.execute(params![
            id,
            i as i64,
            c.name,
            c.bar_number.as_deref().unwrap_or(""),
            c.firm.as_deref().unwrap_or(""),
            serde_json::to_string(&record).expect("counsel always serializes"),
        ])?;
    }
    Ok(())
}

/// The party picker: the public name only; a pseudonymous party's protected values stay
/// out.
fn party_picker(
    tx: &Connection,
    id: i64,
    profile: &CaseProfile,
    clean: &dyn Fn(&str) -> String,
) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM case_parties WHERE case_id = ?1", [id])?;
    let mut ins = tx.prepare_cached(
        "INSERT INTO case_parties
           (case_id, position, name, kind, capacity, short_name, pseudonymous)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, p) in profile.parties.iter().enumerate() {
        ins.execute(params![
            id,
            i as i64,
            clean(&p.name),
            kind_name(p.kind),
            clean(p.capacity.as_deref().unwrap_or("")),
            clean(p.short_name.as_deref().unwrap_or("")),
            p.is_pseudonymous(),
        ])?;
    }
    Ok(())
}

/// "United States District Court, Northern District of California, San Francisco Division".
pub(crate) fn court_line(profile: &CaseProfile) -> String {
    [
        &profile.court.name,
        &profile.court.district,
        &profile.court.division,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .map(|s| s.as_str())
    .collect::<Vec<_>>()
    .join(", ")
}

pub(crate) fn kind_name(kind: PartyKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(crate) fn kind_from_name(name: &str) -> Option<PartyKind> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

/// What the store keeps of a text for search and pickers: every protected value of
/// `profile` blanked out, in every form the privacy guard knows (the family name alone, a
/// given name, look-alike letters from another script, invisible characters inside), not
/// only as typed, and then each value as stored, ignoring case.
pub(crate) fn cleaner(profile: &CaseProfile) -> impl Fn(&str) -> String + '_ {
    let guard = crate::rules::protect::Guard::new(profile);
    let protected: Vec<&str> = profile
        .protected_values()
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    move |text: &str| redact(&guard.redact(text).replace("[redacted]", " "), &protected)
}

/// `text` with every occurrence of every protected value (ignoring case) blanked out.
pub(crate) fn redact(text: &str, protected: &[&str]) -> String {
    let mut out = text.to_string();
    for value in protected {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        while let Some((start, end)) = find_ignoring_case(&out, value) {
            out.replace_range(start..end, " ");
        }
    }
    out
}

/// Byte range of the first occurrence of `needle` in `hay`, comparing letters without case.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let fold = |c: char| c.to_lowercase();
    for (start, _) in hay.char_indices() {
        let mut h = hay[start..].char_indices();
        let mut matched = true;
        let mut end = start;
        for n in needle.chars() {
            match h.next() {
                Some((off, c)) if fold(c).eq(fold(n)) => end = start + off + c.len_utf8(),
                _ => {
                    matched = false;
                    break;
                }
            }
        }
        if matched {
            return Some((start, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_ignores_case_and_keeps_the_rest() {
        assert_eq!(
            redact("Met Jane ROE at home; jane roe agreed", &["Jane Roe"]),
            "Met   at home;   agreed"
        );
        assert_eq!(redact("Ünïcode ok", &["ünÏcode"]), "  ok");
        assert_eq!(redact("nothing", &["", "  "]), "nothing");
    }
}
