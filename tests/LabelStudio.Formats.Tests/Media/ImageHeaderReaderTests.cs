using System.Buffers.Binary;
using System.Globalization;
using LabelStudio.Formats.Media;
using LabelStudio.Testing;

namespace LabelStudio.Formats.Tests.Media;

public class ImageHeaderReaderTests
{
    private static string ImagesFolder => Path.Combine(RepositoryPaths.TestData, "Media", "images");

    // The images were generated at the size their name states (tests/TestData/Media/README.md).
    public static IEnumerable<TestCaseData> Images() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.TestData, "Media", "images"))
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"ReadAsync_{Path.GetFileName(path)}_SizeFromName"));

    [TestCaseSource(nameof(Images))]
    public async Task ReadAsync_GeneratedImage_ReturnsFormatAndSizeItWasCreatedWith(string fileName)
    {
        var parts = Path.GetFileNameWithoutExtension(fileName).Split('-');
        var size = parts[1].Split('x');
        var expectedFormat = parts[0] switch
        {
            "png" => ImageFormat.Png,
            "jpeg" => ImageFormat.Jpeg,
            "gif" => ImageFormat.Gif,
            "bmp" => ImageFormat.Bmp,
            "webp" => ImageFormat.WebP,
            _ => throw new InvalidOperationException(fileName),
        };

        await using var stream = File.OpenRead(Path.Combine(ImagesFolder, fileName));
        var info = await ImageHeaderReader.ReadAsync(stream);

        info.Should().Be(new ImageHeaderInfo(expectedFormat, int.Parse(size[0], CultureInfo.InvariantCulture), int.Parse(size[1], CultureInfo.InvariantCulture)));
    }

    [TestCaseSource(nameof(Images))]
    public async Task ReadAsync_NonSeekableStreamDeliveringOneByteAtATime_ReturnsSameSize(string fileName)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(ImagesFolder, fileName));
        await using var seekable = new MemoryStream(bytes);
        var expected = await ImageHeaderReader.ReadAsync(seekable);

        await using var trickle = new TrickleStream(bytes);
        var info = await ImageHeaderReader.ReadAsync(trickle);

        info.Should().Be(expected);
    }

    [Test]
    public async Task ReadAsync_JpegWithSegmentsLargerThanTheReadBuffer_SkipsThemToTheFrameHeader()
    {
        // SOI, then three 60,000-byte COM segments (more than the 4 KiB buffer each), then SOF0 for 640 x 480.
        using var data = new MemoryStream();
        data.Write([0xFF, 0xD8]);
        for (var i = 0; i < 3; i++)
        {
            data.Write([0xFF, 0xFE, 0xEA, 0x62]); // length 60,002 includes its own two bytes
            data.Write(new byte[60_000]);
        }

        data.Write([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        data.Position = 0;

        var info = await ImageHeaderReader.ReadAsync(new TrickleStream(data.ToArray(), chunk: 1000));

        info.Should().Be(new ImageHeaderInfo(ImageFormat.Jpeg, 640, 480));
    }

    [Test]
    public async Task ReadAsync_JpegWithFillBytesAndRestartMarkersBeforeFrame_ReadsFrame()
    {
        // Fill bytes (extra 0xFF) before a marker are legal; SOF2 (progressive) 3 x 2.
        byte[] data = [0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xD0, 0xFF, 0xC2, 0x00, 0x08, 0x08, 0x00, 0x02, 0x00, 0x03, 0x01];

        var info = await ImageHeaderReader.ReadAsync(new MemoryStream(data));

        info.Should().Be(new ImageHeaderInfo(ImageFormat.Jpeg, 3, 2));
    }

    [Test]
    public async Task ReadAsync_TopDownBmp_ReportsPositiveHeight()
    {
        // BITMAPINFOHEADER (40 bytes) with width 7 and height -5: a top-down bitmap 5 rows high.
        var data = new byte[54];
        "BM"u8.CopyTo(data);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(18), 7);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(22), -5);

        var info = await ImageHeaderReader.ReadAsync(new MemoryStream(data));

        info.Should().Be(new ImageHeaderInfo(ImageFormat.Bmp, 7, 5));
    }

    public static IEnumerable<TestCaseData> HostileInputs()
    {
        yield return new TestCaseData(Array.Empty<byte>(), 0L).SetName("ReadAsync_Empty_Throws");
        yield return new TestCaseData("hello world, not an image"u8.ToArray(), 0L).SetName("ReadAsync_Text_Throws");
        yield return new TestCaseData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, 12L).SetName("ReadAsync_PngTruncatedBeforeIhdr_Throws");
        yield return new TestCaseData(Png(0, 10), 16L).SetName("ReadAsync_PngZeroWidth_Throws");
        yield return new TestCaseData(Png(0x80000000, 10), 16L).SetName("ReadAsync_PngWidthAbove2Pow31_Throws");
        yield return new TestCaseData(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, 2L).SetName("ReadAsync_JpegEndBeforeFrame_Throws");
        yield return new TestCaseData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02 }, 2L).SetName("ReadAsync_JpegScanBeforeFrame_Throws");
        yield return new TestCaseData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A }, 7L).SetName("ReadAsync_JpegSegmentTruncated_Throws");
        yield return new TestCaseData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01 }, 4L).SetName("ReadAsync_JpegSegmentLengthBelowTwo_Throws");
        yield return new TestCaseData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0x12 }, 6L).SetName("ReadAsync_JpegGarbageWhereMarkerExpected_Throws");
        yield return new TestCaseData(new byte[] { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x00, 0x00, 0x10 }, 7L).SetName("ReadAsync_JpegHeightZeroDnl_Throws");
        yield return new TestCaseData(new byte[] { 0xFF, 0xD8, 0xFF }, 3L).SetName("ReadAsync_JpegTruncatedAfterSoi_Throws");
        yield return new TestCaseData("GIF89a\u0000\u0000\u0005\u0000"u8.ToArray(), 6L).SetName("ReadAsync_GifZeroWidth_Throws");
        yield return new TestCaseData("GIF89a\u0001"u8.ToArray(), 7L).SetName("ReadAsync_GifTruncated_Throws");
        yield return new TestCaseData(Bmp(20, 7, 5), 14L).SetName("ReadAsync_BmpUnknownHeaderSize_Throws");
        yield return new TestCaseData(Bmp(40, -7, 5), 18L).SetName("ReadAsync_BmpNegativeWidth_Throws");
        yield return new TestCaseData(Bmp(40, 7, int.MinValue), 18L).SetName("ReadAsync_BmpHeightIntMinValue_Throws");
        yield return new TestCaseData(WebP("VP8Z"), 12L).SetName("ReadAsync_WebPUnknownChunk_Throws");
        yield return new TestCaseData(WebP("VP8 "), 23L).SetName("ReadAsync_WebPLossyWithoutStartCode_Throws");
        yield return new TestCaseData(WebP("VP8L"), 20L).SetName("ReadAsync_WebPLosslessWithoutSignature_Throws");
        yield return new TestCaseData("RIFF\u0000\u0000\u0000\u0000WEBPVP8X"u8.ToArray(), 16L).SetName("ReadAsync_WebPExtendedTruncated_Throws");
    }

    [TestCaseSource(nameof(HostileInputs))]
    public async Task ReadAsync_HostileInput_ThrowsInvalidImageNamingOffset(byte[] data, long offset)
    {
        var act = () => ImageHeaderReader.ReadAsync(new MemoryStream(data), "/data/upload/1/x.png?token=s3cr3t");

        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.InvalidImage);
        thrown.Which.Message.Should().Contain(FormattableString.Invariant($"byte offset {offset}"));
        thrown.Which.Message.Should().NotContain("s3cr3t");
        thrown.Which.Reference.Should().Be("/data/upload/1/x.png?token=***");
    }

    [Test]
    public async Task ReadAsync_EveryTruncationOfARealPng_ThrowsOrReadsNothingWrong()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(ImagesFolder, "png-37x21.png"));
        for (var length = 0; length < 24; length++)
        {
            var act = () => ImageHeaderReader.ReadAsync(new MemoryStream(bytes, 0, length));
            (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.InvalidImage);
        }

        (await ImageHeaderReader.ReadAsync(new MemoryStream(bytes, 0, 24))).Should().Be(new ImageHeaderInfo(ImageFormat.Png, 37, 21));
    }

    private static byte[] Png(uint width, uint height)
    {
        var data = new byte[24];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }.CopyTo(data, 0);
        "IHDR"u8.CopyTo(data.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(20), height);
        return data;
    }

    private static byte[] Bmp(uint headerSize, int width, int height)
    {
        var data = new byte[54];
        "BM"u8.CopyTo(data);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(14), headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(22), height);
        return data;
    }

    private static byte[] WebP(string chunk)
    {
        var data = new byte[30];
        "RIFF"u8.CopyTo(data);
        "WEBP"u8.CopyTo(data.AsSpan(8));
        System.Text.Encoding.ASCII.GetBytes(chunk).CopyTo(data, 12);
        return data;
    }

    /// <summary>A non-seekable stream that returns at most <c>chunk</c> bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] data, int chunk = 1) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
