//! The catalogue (`content/catalog.yaml`): the documents `build` makes, the version line
//! and date printed on them, and the editions it prints.

use serde::{Deserialize, Serialize};

use crate::content::model::ModelFile;
use crate::content::{LoadedFile, yaml};
use crate::date::parse_date;
use crate::diag::Diagnostic;
use crate::diag::did_you_mean;
use crate::document::Settings;
use crate::document::spec::{
    DocumentSpec, Field, Kind, NameOrNumber, PrintOptions, Request, RequestEntry, SpecError,
};
use crate::edition::{DEFAULT_EDITION, EDITIONS_DIR, LoadedEdition, edition_ids};
use crate::project::{Origin, Project};

pub const CATALOG: &str = "content/catalog.yaml";

/// One entry of a catalogue: a document, or `kind: posters`, which stands for every poster
/// of the edition's orientation.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogEntry {
    /// Both tables of every level (NIMHE) or of every component (Ohio), printed so.
    Posters(PrintOptions),
    Document(Request),
}

impl TryFrom<RequestEntry> for CatalogEntry {
    type Error = SpecError;

    fn try_from(entry: RequestEntry) -> Result<CatalogEntry, SpecError> {
        if entry.kind != Kind::Posters {
            return Request::try_from(entry).map(CatalogEntry::Document);
        }
        let fields = entry.spec_fields();
        if let Some(field) = [
            (Field::Level, fields.level.is_some()),
            (Field::Component, fields.component.is_some()),
            (Field::Role, fields.role.is_some()),
            (Field::Practices, fields.practices),
        ]
        .into_iter()
        .find_map(|(field, given)| given.then_some(field))
        {
            return Err(SpecError::Unused {
                kind: Kind::Posters,
                field,
            });
        }
        Ok(CatalogEntry::Posters(entry.print()))
    }
}

/// `content/catalog.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Printed on every document, e.g. "Trust edition 2".
    pub version: String,
    /// `YYYY-MM-DD`: printed, and the PDFs' creation date (unless SOURCE_DATE_EPOCH is set).
    pub date: String,
    /// As written; `entries` holds them checked.
    pub documents: Vec<RequestEntry>,
    /// The editions `build` prints (default: every edition in content/editions/).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<String>,
    /// The documents, each checked against its kind.
    #[serde(skip)]
    pub entries: Vec<CatalogEntry>,
    /// Where the catalogue came from, to point errors at its entries.
    #[serde(skip)]
    pub origin: Option<LoadedFile>,
}

impl Catalog {
    /// Points `diag` at the `index`-th document entry of the catalogue file.
    pub fn locate(&self, index: usize, diag: Diagnostic) -> Diagnostic {
        match &self.origin {
            Some(file) => file.at(&format!("documents/{index}"), diag),
            None => diag,
        }
    }

    /// The settings of an edition's documents: its version and date, else the catalogue's.
    pub fn settings_for(&self, loaded: LoadedEdition, bleed_mm: f64, crop_marks: bool) -> Settings {
        Settings {
            version: (loaded.edition.version.clone()).unwrap_or_else(|| self.version.clone()),
            date: (loaded.edition.date.clone()).unwrap_or_else(|| self.date.clone()),
            bleed_mm,
            crop_marks,
            edition: Some(loaded),
        }
    }

    pub fn load(project: &Project) -> Result<Catalog, Diagnostic> {
        let file = project
            .read(CATALOG)?
            .ok_or_else(|| Diagnostic::error(format!("the catalogue `{CATALOG}` is missing")))?;
        let mut catalog: Catalog = yaml::parse(&file.display, file.text()?)?;
        let origin = LoadedFile::new(file.display.clone(), file.text()?);
        if let Err(hint) = parse_date(&catalog.date) {
            return Err(origin
                .error("date", format!("`{}` is not a date", catalog.date))
                .hint(hint));
        }
        for (index, entry) in catalog.documents.iter().enumerate() {
            let entry = CatalogEntry::try_from(entry.clone()).map_err(|e| {
                let hint = e.hint();
                origin
                    .error(&format!("documents/{index}"), e.to_string())
                    .hint(hint)
            })?;
            catalog.entries.push(entry);
        }
        catalog.check_editions(project, &origin)?;
        catalog.origin = Some(origin);
        Ok(catalog)
    }

    /// Every id under `editions:` names an edition there is.
    fn check_editions(&self, project: &Project, origin: &LoadedFile) -> Result<(), Diagnostic> {
        let known = edition_ids(project);
        for (index, id) in self.editions.iter().enumerate() {
            if known.contains(id) {
                continue;
            }
            let mut diag = origin.error_at_value(
                &format!("editions/{index}"),
                format!("there is no edition `{id}`"),
            );
            if let Some(best) = did_you_mean(id, known.iter().map(String::as_str)) {
                diag = diag.hint(format!("did you mean `{best}`?"));
            }
            return Err(diag.hint(format!(
                "the editions are: {} (files in {EDITIONS_DIR}/)",
                known.join(", ")
            )));
        }
        Ok(())
    }

    /// The edition a command prints when none is named: the project's own.
    pub fn default_edition(&self, project: &Project) -> EditionChoice {
        if let Some(id) = self.editions.first() {
            return EditionChoice {
                id: id.clone(),
                why: Why::Catalogue,
            };
        }
        // The project's own: edition files of its own under ids hopeprint does not ship (a
        // copy or change of a built-in edition is not a trust's edition).
        let built_in = edition_ids(&Project::built_in());
        let own: Vec<String> = (edition_ids(project).into_iter())
            .filter(|id| !built_in.contains(id))
            .filter(|id| {
                let path = format!("{EDITIONS_DIR}/{id}.yaml");
                matches!(project.read(&path), Ok(Some(f)) if f.origin == Origin::Project)
            })
            .collect();
        match own.as_slice() {
            [only] => EditionChoice {
                id: only.clone(),
                why: Why::OnlyProjectEdition,
            },
            [] => EditionChoice {
                id: DEFAULT_EDITION.to_string(),
                why: Why::BuiltInDefault,
            },
            several => EditionChoice {
                id: DEFAULT_EDITION.to_string(),
                why: Why::SeveralInProject(several.join(", ")),
            },
        }
    }

    /// `--edition` when given, else the project's own (see `default_edition`).
    pub fn choose_edition(&self, project: &Project, named: Option<&str>) -> EditionChoice {
        match named {
            Some(id) => EditionChoice {
                id: id.to_string(),
                why: Why::Named,
            },
            None => self.default_edition(project),
        }
    }
}

/// The edition a command prints, and why that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionChoice {
    pub id: String,
    pub why: Why,
}

/// Why an edition was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// `--edition ID`.
    Named,
    /// The first id of the catalogue's `editions:`.
    Catalogue,
    /// The project has exactly one edition file of its own (not a built-in edition's id).
    OnlyProjectEdition,
    /// The project has no edition of its own: the built-in default.
    BuiltInDefault,
    /// The project has several editions and the catalogue names none: the built-in default.
    SeveralInProject(String),
}

/// The catalogue's requests with each `kind: posters` entry expanded into the posters of
/// the edition's orientation (both tables of every level, or of every component), each
/// with the entry's print settings, from the levels and components of `model`. Returns
/// (index of the catalogue entry, request).
pub fn expand(
    documents: &[CatalogEntry],
    by_component: bool,
    model: &ModelFile,
) -> Vec<(usize, Request)> {
    let mut out = vec![];
    for (index, entry) in documents.iter().enumerate() {
        let print = match entry {
            CatalogEntry::Document(request) => {
                out.push((index, request.clone()));
                continue;
            }
            CatalogEntry::Posters(print) => print,
        };
        for practices in [false, true] {
            let specs: Vec<DocumentSpec> = match by_component {
                true => (model.components.iter())
                    .map(|c| DocumentSpec::ComponentPoster {
                        component: c.id.clone(),
                        practices,
                    })
                    .collect(),
                false => (model.levels.iter())
                    .map(|l| DocumentSpec::LevelPoster {
                        level: NameOrNumber::Number(u32::from(l.number)),
                        practices,
                    })
                    .collect(),
            };
            out.extend(specs.into_iter().map(|spec| {
                let request = Request {
                    spec,
                    print: print.clone(),
                };
                (index, request)
            }));
        }
    }
    out
}
