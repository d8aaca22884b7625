use hingecraft::prelude::*;

/// A file a workspace stores: images, 3D models, CAD files, documents,
/// videos. The bytes live in object storage; the row holds where, what and
/// who may see it.
#[table(
    name = "assets",
    module = "master",
    layer = "10_webhooks_assets_prompts",
    soft_delete,
    timestamps,
    unique(storage_provider, storage_key)
)]
pub struct Asset {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the file belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The user who uploaded the file.
    #[hc(references = "users", on_delete = "set null", indexed)]
    pub uploaded_by: Option<Uuid>,
    /// The file name as uploaded.
    #[hc(max_len = 255)]
    pub file_name: String,
    /// Title shown in the asset library.
    #[hc(max_len = 255)]
    pub title: Option<String>,
    /// Alt text or description.
    pub description: Option<String>,
    /// The broad kind of file.
    #[hc(
        one_of("image", "model_3d", "cad", "document", "video", "audio", "archive", "other"),
        default = "other",
        indexed
    )]
    pub asset_type: String,
    /// The media type (e.g. `model/stl`).
    #[hc(max_len = 255)]
    pub mime_type: String,
    /// Size of the file in bytes.
    #[hc(min = 0)]
    pub size_bytes: i64,
    /// SHA-256 of the content, hex, to find duplicates and check integrity.
    #[hc(max_len = 64, indexed)]
    pub checksum_sha256: Option<String>,
    /// The object store holding the file.
    #[hc(one_of("s3", "gcs", "azure", "wix", "local"), default = "s3")]
    pub storage_provider: String,
    /// The object's key (path) in its store.
    #[hc(max_len = 1024)]
    pub storage_key: String,
    /// Public or CDN address, for files that may be linked directly.
    pub public_url: Option<String>,
    /// Width in pixels, for images and videos.
    #[hc(min = 0)]
    pub width: Option<i32>,
    /// Height in pixels, for images and videos.
    #[hc(min = 0)]
    pub height: Option<i32>,
    /// Who may see the file.
    #[hc(one_of("private", "workspace", "public"), default = "workspace")]
    pub visibility: String,
    /// Where the upload stands; `quarantined` when a scan flagged it.
    #[hc(
        one_of("uploading", "processing", "ready", "failed", "quarantined"),
        default = "uploading",
        indexed
    )]
    pub status: String,
    /// Licence of the file (SPDX or Creative Commons identifier).
    #[hc(max_len = 100)]
    pub license: Option<String>,
    /// Free tags, as a JSON array of strings.
    #[hc(default = "[]")]
    pub tags: Json,
    /// Extracted properties (EXIF, mesh statistics, page count).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
