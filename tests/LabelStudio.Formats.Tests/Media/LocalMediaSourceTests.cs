using LabelStudio.Formats.Media;

namespace LabelStudio.Formats.Tests.Media;

public class LocalMediaSourceTests
{
    private string _sandbox = null!;
    private string _root = null!;
    private string _uploads = null!;
    private string _outside = null!;

    [SetUp]
    public void SetUp()
    {
        _sandbox = Path.Combine(Path.GetTempPath(), "ls-media-local-" + Guid.NewGuid().ToString("N"));
        _root = Path.Combine(_sandbox, "root");
        _uploads = Path.Combine(_sandbox, "media", "upload");
        _outside = Path.Combine(_sandbox, "outside");
        Directory.CreateDirectory(Path.Combine(_root, "images"));
        Directory.CreateDirectory(Path.Combine(_uploads, "3"));
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_root, "images", "cat.txt"), "inside");
        File.WriteAllText(Path.Combine(_root, "images", "a b+c.txt"), "spaced");
        File.WriteAllText(Path.Combine(_uploads, "3", "up.txt"), "uploaded");
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret");
        File.WriteAllText(Path.Combine(_sandbox, "secret.txt"), "secret");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_sandbox, recursive: true);

    private LocalMediaSource Source(bool allowFilePaths = false) => new(new LocalMediaSourceOptions
    {
        LocalFilesDocumentRoot = _root,
        UploadDirectory = _uploads,
        AllowFilePaths = allowFilePaths,
        FilePathBaseDirectory = _sandbox,
    });

    [TestCase("/data/local-files/?d=images/cat.txt", "inside", "cat.txt")]
    [TestCase("/data/local-files/?d=images%2Fa+b%2Bc.txt", "spaced", "a b+c.txt")]
    [TestCase("/data/local-files/?d=./images/./cat.txt", "inside", "cat.txt")]
    [TestCase("/data/upload/3/up.txt", "uploaded", "up.txt")]
    [TestCase("upload/3/up.txt", "uploaded", "up.txt")]
    public async Task OpenAsync_InsideRoot_ReadsFile(string reference, string content, string fileName)
    {
        await using var media = await Source().OpenAsync(reference);

        (await new StreamReader(media.Content).ReadToEndAsync()).Should().Be(content);
        media.FileName.Should().Be(fileName);
        media.LocalPath.Should().StartWith(_sandbox);
    }

    [TestCase("/data/local-files/?d=../secret.txt")]
    [TestCase("/data/local-files/?d=images/../../secret.txt")]
    [TestCase("/data/local-files/?d=%2e%2e/secret.txt")]
    [TestCase("/data/local-files/?d=%2E%2E%2Fsecret.txt")]
    [TestCase("/data/local-files/?d=images%2F..%2F..%2Fsecret.txt")]
    [TestCase("/data/local-files/?d=..%5Csecret.txt")]
    [TestCase("/data/local-files/?d=/etc/passwd")]
    [TestCase("/data/local-files/?d=%2Fetc%2Fpasswd")]
    [TestCase("/data/local-files/?d=\\etc\\passwd")]
    [TestCase("/data/upload/../secret.txt")]
    [TestCase("/data/upload/3/%2e%2e/%2e%2e/%2e%2e/secret.txt")]
    [TestCase("upload/..%2F..%2Fsecret.txt")]
    public async Task OpenAsync_TraversalAttempt_ThrowsOutsideRoot(string reference)
    {
        var act = () => Source().OpenAsync(reference);

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.OutsideRoot);
    }

    [Test]
    public async Task OpenAsync_SymlinkedFileEscapingRoot_ThrowsOutsideRoot()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "images", "link.txt"), Path.Combine(_outside, "secret.txt"));

        var act = () => Source().OpenAsync("/data/local-files/?d=images/link.txt");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.OutsideRoot);
    }

    [Test]
    public async Task OpenAsync_SymlinkedFolderEscapingRoot_ThrowsOutsideRoot()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), "../outside");

        var act = () => Source().OpenAsync("/data/local-files/?d=escape/secret.txt");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.OutsideRoot);
    }

    [Test]
    public async Task OpenAsync_SymlinkChainEndingOutside_ThrowsOutsideRoot()
    {
        // inside -> hop (inside) -> ../outside: only the last hop leaves the root.
        Directory.CreateSymbolicLink(Path.Combine(_root, "hop"), "../outside");
        File.CreateSymbolicLink(Path.Combine(_root, "images", "chain.txt"), "../hop/secret.txt");

        var act = () => Source().OpenAsync("/data/local-files/?d=images/chain.txt");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.OutsideRoot);
    }

    [Test]
    public async Task OpenAsync_SymlinkStayingInsideRoot_ReadsTarget()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "alias.txt"), "images/cat.txt");

        await using var media = await Source().OpenAsync("/data/local-files/?d=alias.txt");

        (await new StreamReader(media.Content).ReadToEndAsync()).Should().Be("inside");
    }

    [Test]
    public async Task OpenAsync_RootItselfReachedThroughSymlink_ReadsFile()
    {
        var linkedRoot = Path.Combine(_sandbox, "linked-root");
        Directory.CreateSymbolicLink(linkedRoot, _root);
        var source = new LocalMediaSource(new LocalMediaSourceOptions { LocalFilesDocumentRoot = linkedRoot });

        await using var media = await source.OpenAsync("/data/local-files/?d=images/cat.txt");

        (await new StreamReader(media.Content).ReadToEndAsync()).Should().Be("inside");
    }

    [Test]
    public async Task OpenAsync_MissingFile_ThrowsNotFound()
    {
        var act = () => Source().OpenAsync("/data/local-files/?d=images/none.txt");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NotFound);
    }

    [Test]
    public async Task OpenAsync_DirectoryInsteadOfFile_ThrowsNotFound()
    {
        var act = () => Source().OpenAsync("/data/local-files/?d=images");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NotFound);
    }

    [TestCase("/data/local-files/?d=images/cat.txt")]
    [TestCase("/data/upload/3/up.txt")]
    [TestCase("images/cat.txt")]
    [TestCase("/etc/passwd")]
    public async Task OpenAsync_NothingConfigured_ThrowsNotConfigured(string reference)
    {
        var act = () => new LocalMediaSource(new LocalMediaSourceOptions()).OpenAsync(reference);

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NotConfigured);
    }

    [TestCase("https://example.org/a.png")]
    [TestCase("s3://bucket/a.png")]
    public async Task OpenAsync_RemoteReference_ThrowsUnsupported(string reference)
    {
        var act = () => Source(allowFilePaths: true).OpenAsync(reference);

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.Unsupported);
    }

    [Test]
    public async Task OpenAsync_FilePathsAllowed_ReadsRelativeAndAbsolutePaths()
    {
        var source = Source(allowFilePaths: true);

        await using var relative = await source.OpenAsync("secret.txt");
        await using var absolute = await source.OpenAsync(Path.Combine(_outside, "secret.txt"));
        await using var fileUri = await source.OpenAsync(new Uri(Path.Combine(_outside, "secret.txt")).AbsoluteUri);

        (await new StreamReader(relative.Content).ReadToEndAsync()).Should().Be("secret");
        (await new StreamReader(absolute.Content).ReadToEndAsync()).Should().Be("secret");
        (await new StreamReader(fileUri.Content).ReadToEndAsync()).Should().Be("secret");
    }

    [Test]
    public async Task OpenAsync_FilePathsNotAllowed_ThrowsNotConfiguredEvenIfFileExists()
    {
        var act = () => Source().OpenAsync(Path.Combine(_outside, "secret.txt"));

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NotConfigured);
    }

    [Test]
    public async Task GetImageSizeAsync_TextFile_ThrowsInvalidImageNamingReference()
    {
        var act = () => Source().GetImageSizeAsync("/data/local-files/?d=images/cat.txt");

        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.InvalidImage);
        thrown.Which.Reference.Should().Be("/data/local-files/?d=images/cat.txt");
    }

    [Test]
    public async Task GetImageSizeAsync_PngInRoot_ReadsSize()
    {
        var png = Path.Combine(LabelStudio.Testing.RepositoryPaths.TestData, "Media", "images", "png-37x21.png");
        File.Copy(png, Path.Combine(_root, "images", "p.png"));

        var info = await Source().GetImageSizeAsync("/data/local-files/?d=images/p.png");

        info.Should().Be(new ImageHeaderInfo(ImageFormat.Png, 37, 21));
    }
}
