use hingecraft::prelude::*;

/// A file of a design: a 3D model, CAD source, drawing, toolpath, image or
/// document, stored outside the database and pointed at by URL.
#[table(name = "design_assets", module = "master", layer = "03_design_metadata", rls, timestamps)]
pub struct DesignAsset {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The design the file belongs to; files go with it.
    #[hc(references = "designs", on_delete = "cascade", indexed)]
    pub design_id: Uuid,
    /// The version the file was uploaded for; none for files shared by
    /// every version (gallery pictures).
    #[hc(references = "design_versions", on_delete = "cascade", indexed)]
    pub version_id: Option<Uuid>,
    /// What the file is.
    #[hc(one_of(
        "model_3d",
        "cad_source",
        "drawing",
        "toolpath",
        "image",
        "render",
        "video",
        "document",
        "bill_of_materials",
        "other"
    ))]
    pub asset_type: String,
    /// File name as uploaded.
    #[hc(max_len = 255)]
    pub file_name: String,
    /// File extension, lower-case, without the dot (stl, step, f3d, dxf...).
    #[hc(max_len = 20)]
    pub file_extension: Option<String>,
    /// Where the file is stored.
    pub file_url: String,
    /// Media type (`model/stl`, `image/png`...).
    #[hc(max_len = 127)]
    pub mime_type: Option<String>,
    #[hc(min = 0)]
    pub size_bytes: i64,
    /// SHA-256 of the file, hex, to detect duplicates and corruption.
    #[hc(max_len = 64)]
    pub checksum_sha256: Option<String>,
    /// Whether this is the file shown and downloaded first.
    #[hc(default = false)]
    pub is_primary: bool,
    /// Position in the design's file list.
    #[hc(min = 0, default = 0)]
    pub sort_order: i32,
    /// The member who uploaded the file, if they still exist.
    #[hc(references = "users", on_delete = "set null")]
    pub uploaded_by: Option<Uuid>,
    /// Format-specific facts (bounding box, units, page count, resolution).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
