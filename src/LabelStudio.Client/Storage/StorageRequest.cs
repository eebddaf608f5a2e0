using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Storage;

/// <summary>Creates, validates or updates a storage connection; unset fields are not sent. Credentials (keys, secrets, passwords) go in AdditionalProperties and are never logged.</summary>
public sealed class StorageRequest
{
    /// <summary>Storage id (validation of an existing storage).</summary>
    public int? Id { get; set; }

    /// <summary>Project id.</summary>
    public int? Project { get; set; }

    /// <summary>Title.</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Bucket (S3, GCS).</summary>
    public string? Bucket { get; set; }

    /// <summary>Container (Azure).</summary>
    public string? Container { get; set; }

    /// <summary>Key prefix.</summary>
    public string? Prefix { get; set; }

    /// <summary>Path (local files, Redis).</summary>
    public string? Path { get; set; }

    /// <summary>Regex filter of object keys.</summary>
    public string? RegexFilter { get; set; }

    /// <summary>Treat every object as a media URL.</summary>
    public bool? UseBlobUrls { get; set; }

    /// <summary>Presign URLs.</summary>
    public bool? Presign { get; set; }

    /// <summary>Presigned URL lifetime in minutes.</summary>
    public int? PresignTtl { get; set; }

    /// <summary>Scan prefixes recursively.</summary>
    public bool? RecursiveScan { get; set; }

    /// <summary>Export: delete objects when annotations are deleted.</summary>
    public bool? CanDeleteObjects { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
