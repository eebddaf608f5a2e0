using System.Net;
using BenchmarkDotNet.Attributes;
using LabelStudio.Client.Media;
using LabelStudio.Formats.Media;

namespace LabelStudio.Benchmarks.Media;

/// <summary>
/// The per-task costs of the media layer that run for every image of an export or every ML prediction: classifying
/// a reference, reading an image size from its header, vetting a resolved address.
/// </summary>
[MemoryDiagnoser]
public class MediaBenchmarks
{
    private readonly IPAddress _public = IPAddress.Parse("2606:4700:4700::1111");
    private readonly IPAddress _mapped = IPAddress.Parse("::ffff:192.168.1.1");
    private byte[] _jpeg = [];
    private byte[] _png = [];

    [GlobalSetup]
    public void Setup()
    {
        // A JPEG with a 60 KB APP1 segment (EXIF thumbnail-sized) before the frame header.
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8, 0xFF, 0xE1, 0xEA, 0x62]);
        jpeg.Write(new byte[60_000]);
        jpeg.Write([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        _jpeg = jpeg.ToArray();
        _png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x07, 0x80, 0, 0, 0x04, 0x38, 8, 6, 0, 0, 0];
    }

    [Benchmark]
    public MediaReference ParseUpload() => MediaReference.Parse("/data/upload/12/a1b2c3d4-street_0001.jpg");

    [Benchmark]
    public MediaReference ParseLocalFiles() => MediaReference.Parse("/data/local-files/?d=datasets%2Fstreet%2Fframe_000123.jpg");

    [Benchmark]
    public string RedactPresignedUrl() =>
        MediaReference.Redact("https://bucket.s3.amazonaws.com/k.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA&X-Amz-Signature=deadbeef");

    [Benchmark]
    public Task<ImageHeaderInfo> PngHeader() => ImageHeaderReader.ReadAsync(new MemoryStream(_png, writable: false));

    [Benchmark]
    public Task<ImageHeaderInfo> JpegHeaderAfter60KbSegment() => ImageHeaderReader.ReadAsync(new MemoryStream(_jpeg, writable: false));

    [Benchmark]
    public int ClassifyPublicIpv6() => (int)AddressClassifier.Classify(_public);

    [Benchmark]
    public int ClassifyMappedPrivate() => (int)AddressClassifier.Classify(_mapped);
}
