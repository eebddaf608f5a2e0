namespace LabelStudio.Client.Export;

/// <summary>What a download wrote.</summary>
/// <param name="FileName">The server's file name (Content-Disposition), if it sent one.</param>
/// <param name="Length">Bytes written.</param>
/// <param name="ContentType">The media type, if sent.</param>
public sealed record ExportDownload(string? FileName, long Length, string? ContentType);
