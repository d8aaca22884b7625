use hingecraft::prelude::*;

/// A stored file (image, 3D model, CAD file, document, video) as the
/// complete schema sees it: where its bytes are, what they are, and the
/// preview, duration and scan facts a media library shows.
#[table(
    name = "assets",
    module = "complete",
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
    /// A preview image of the file (a render of a model, a video frame).
    pub thumbnail_url: Option<String>,
    /// Running time of a video or audio file, in milliseconds.
    #[hc(min = 0)]
    pub duration_ms: Option<i64>,
    /// The file's id in the Wix Media Manager, for files stored with Wix.
    #[hc(max_len = 255)]
    pub wix_media_id: Option<String>,
    /// When the file was last scanned for malware; none until scanned.
    pub scanned_at: Option<DateTimeWithTimeZone>,
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
