namespace LabelStudio.Client.Paging;

/// <summary>The DRF page envelope on the wire.</summary>
internal sealed class PagedResponse<T>
{
    public long? Count { get; set; }

    public string? Next { get; set; }

    public string? Previous { get; set; }

    public List<T>? Results { get; set; }
}
