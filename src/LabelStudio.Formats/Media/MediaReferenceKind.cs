namespace LabelStudio.Formats.Media;

/// <summary>The URL forms Label Studio task data uses to point at media.</summary>
public enum MediaReferenceKind
{
    /// <summary>A file uploaded to Label Studio: <c>/data/upload/&lt;project&gt;/&lt;file&gt;</c> (or <c>upload/...</c>).</summary>
    Upload,

    /// <summary>A file served by Label Studio's local-files storage: <c>/data/local-files/?d=&lt;path&gt;</c>.</summary>
    LocalFiles,

    /// <summary>Any other path on the Label Studio server, such as <c>/tasks/1/presign/?fileuri=...</c>.</summary>
    LabelStudioPath,

    /// <summary>A cloud-storage URI (<c>s3://</c>, <c>gs://</c>, <c>azure-blob://</c>), fetched through Label Studio's presign endpoints.</summary>
    CloudStorage,

    /// <summary>An absolute http or https URL.</summary>
    Http,

    /// <summary>A relative file path, or a <c>file://</c> URI.</summary>
    FilePath,
}
