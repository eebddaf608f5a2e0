using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Client.Jobs;

namespace LabelStudio.Client.Storage;

/// <summary>An import or export storage connection (S3, GCS, Azure, Redis, local files). Type-specific fields (bucket, container, path, ...) are in AdditionalProperties or the typed shortcuts.</summary>
public sealed class StorageConnection
{
    /// <summary>Storage id.</summary>
    public int? Id { get; set; }

    /// <summary>Storage type as the server reports it.</summary>
    public string? Type { get; set; }

    /// <summary>Project id.</summary>
    public int? Project { get; set; }

    /// <summary>Title.</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Sync status.</summary>
    public JobStatus? Status { get; set; }

    /// <summary>Last sync time.</summary>
    public DateTimeOffset? LastSync { get; set; }

    /// <summary>Items synced last time.</summary>
    public int? LastSyncCount { get; set; }

    /// <summary>Last sync job id.</summary>
    public string? LastSyncJob { get; set; }

    /// <summary>Traceback of a failed sync.</summary>
    public string? Traceback { get; set; }

    /// <summary>Sync metadata.</summary>
    public JsonElement? Meta { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Whether it can sync.</summary>
    public bool? Synchronizable { get; set; }

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

    /// <summary>Export: delete objects when annotations are deleted.</summary>
    public bool? CanDeleteObjects { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
