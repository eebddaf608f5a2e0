using LabelStudio.Formats.Masks;

namespace LabelStudio.Formats.Tests.Masks;

public class MaskFileFormatTests
{
    [Test]
    public void MaskPng_WriteThenRead_PixelsSurvive()
    {
        var random = new Random(1);
        var pixels = new byte[37 * 23];
        random.NextBytes(pixels);
        var mask = new Mask(37, 23, pixels);

        using var stream = new MemoryStream();
        MaskPng.Write(mask, stream);
        stream.Position = 0;
        var read = MaskPng.Read(stream);

        read.ContentEquals(mask).Should().BeTrue();
    }

    [Test]
    public void MaskPng_Write_IsEightBitGreyscale()
    {
        using var stream = new MemoryStream();
        MaskPng.Write(new Mask(2, 2, [0, 255, 255, 0]), stream);
        var bytes = stream.ToArray();

        // PNG signature, then IHDR: width, height (big-endian), bit depth 8, colour type 0 (greyscale).
        bytes.AsSpan(0, 8).ToArray().Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
        bytes[24].Should().Be(8);
        bytes[25].Should().Be(0);
    }

    [Test]
    public void MaskPng_ReadGarbage_ThrowsInvalidData()
    {
        var act = () => MaskPng.Read(new MemoryStream([1, 2, 3, 4, 5]));

        act.Should().Throw<InvalidDataException>();
    }

    [Test]
    public void MaskPng_ReadTruncatedFixturePng_ThrowsInvalidDataOrReadsHeaderOnly()
    {
        var png = File.ReadAllBytes(Path.Combine(
            BrushFixture.Folder, "expected", "BRUSH_TO_PNG", BrushFixture.Regions[0].FileStem + ".png"));

        var act = () => MaskPng.Read(png.AsSpan(0, png.Length / 3).ToArray());

        act.Should().Throw<InvalidDataException>();
    }

    [Test]
    public void MaskPng_Save_LeavesNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(folder.FullName, "mask.png");
            MaskPng.Save(new Mask(3, 3), path);

            Directory.GetFiles(folder.FullName).Should().Equal(path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void MaskNpy_Read_FixtureFile_GivesShapeAndPixels()
    {
        var region = BrushFixture.Regions.First(r => r.Width == 32);
        using var stream = File.OpenRead(Path.Combine(BrushFixture.Folder, "expected", "BRUSH_TO_NUMPY", region.FileStem + ".npy"));

        var mask = MaskNpy.Read(stream);

        mask.Width.Should().Be(32);
        mask.Height.Should().Be(24);
        mask.ContentEquals(BrushRle.DecodeMask(region.Rle, 32, 24)).Should().BeTrue();
    }

    [Test]
    public void MaskNpy_Write_HeaderAlignedTo64BytesLikeNpSave()
    {
        using var stream = new MemoryStream();
        MaskNpy.Write(new Mask(32, 24), stream);
        var bytes = stream.ToArray();

        // The fixture's np.save output for (24, 32) uint8: 10-byte prefix + 118-byte header, then 768 bytes.
        bytes.Should().HaveCount(128 + 768);
        System.Text.Encoding.ASCII.GetString(bytes, 10, 118).Should()
            .Be("{'descr': '|u1', 'fortran_order': False, 'shape': (24, 32), }".PadRight(117) + "\n");
    }

    [Test]
    public void MaskNpy_FortranOrder_IsTransposedToRowMajor()
    {
        // Shape (2, 3) in Fortran order: column-major data 1 4 2 5 3 6 is the matrix [[1 2 3] [4 5 6]].
        var header = "{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }".PadRight(117) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0]);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        stream.Write([1, 4, 2, 5, 3, 6]);
        stream.Position = 0;

        MaskNpy.Read(stream).Pixels.ToArray().Should().Equal(1, 2, 3, 4, 5, 6);
    }

    [TestCase("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", "*dtype '<f8'*")]
    [TestCase("{'descr': '|u1', 'fortran_order': False, 'shape': (6,), }", "*two-dimensional 'shape'*")]
    [TestCase("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999, 99999999), }", "*not a mask size*")]
    public void MaskNpy_ReadUnsupportedHeader_ThrowsInvalidData(string dictionary, string message)
    {
        var header = dictionary.PadRight(117) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0]);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        stream.Write(new byte[6]);
        stream.Position = 0;

        var act = () => MaskNpy.Read(stream);

        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Test]
    public void MaskNpy_ReadTruncatedData_ThrowsNamingByteOffset()
    {
        var region = BrushFixture.Regions.First(r => r.Width == 32);
        var bytes = File.ReadAllBytes(Path.Combine(BrushFixture.Folder, "expected", "BRUSH_TO_NUMPY", region.FileStem + ".npy"));

        var act = () => MaskNpy.Read(new MemoryStream(bytes[..500]));

        act.Should().Throw<InvalidDataException>().WithMessage("*ends at byte 500*");
    }

    [Test]
    public void MaskNpy_ReadNotNpy_ThrowsInvalidData()
    {
        var act = () => MaskNpy.Read(new MemoryStream("hello, world"u8.ToArray()));

        act.Should().Throw<InvalidDataException>().WithMessage("Not a .npy file*");
    }
}
