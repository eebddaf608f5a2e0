using LabelStudio.Formats.Media;

namespace LabelStudio.Formats.Tests.Media;

public class MediaReferenceTests
{
    // Forms as Label Studio writes them into task data (reference/formats.md section 7, mlbackend.md section 7).
    [TestCase("/data/upload/3/a1b2c3d4-cat.jpg", MediaReferenceKind.Upload, "3/a1b2c3d4-cat.jpg", "a1b2c3d4-cat.jpg")]
    [TestCase("upload/3/cat.jpg", MediaReferenceKind.Upload, "3/cat.jpg", "cat.jpg")]
    [TestCase("data/upload/3/cat.jpg", MediaReferenceKind.Upload, "3/cat.jpg", "cat.jpg")]
    [TestCase("/data/upload/3/my%20cat.jpg?x=1", MediaReferenceKind.Upload, "3/my cat.jpg", "my cat.jpg")]
    [TestCase("/data/local-files/?d=images/dogs/rex.png", MediaReferenceKind.LocalFiles, "images/dogs/rex.png", "rex.png")]
    [TestCase("/data/local-files/?d=images%2Fa+b%2Bc.png", MediaReferenceKind.LocalFiles, "images/a b+c.png", "a b+c.png")]
    [TestCase("/data/local-files?foo=1&d=x.png", MediaReferenceKind.LocalFiles, "x.png", "x.png")]
    [TestCase("/storage-data/uploaded/?filepath=upload/3/cat.jpg", MediaReferenceKind.LabelStudioPath, "/storage-data/uploaded/?filepath=upload/3/cat.jpg", "cat.jpg")]
    [TestCase("/tasks/7/presign/?fileuri=czM6Ly9iL2Rpci9kb2cucG5n", MediaReferenceKind.LabelStudioPath, "/tasks/7/presign/?fileuri=czM6Ly9iL2Rpci9kb2cucG5n", "dog.png")]
    [TestCase("/image1", MediaReferenceKind.LabelStudioPath, "/image1", "image1")]
    [TestCase("s3://bucket/dir/cat.jpg", MediaReferenceKind.CloudStorage, "/dir/cat.jpg", "cat.jpg")]
    [TestCase("gs://bucket/cat.jpg", MediaReferenceKind.CloudStorage, "/cat.jpg", "cat.jpg")]
    [TestCase("azure-blob://container/a/b.wav", MediaReferenceKind.CloudStorage, "/a/b.wav", "b.wav")]
    [TestCase("https://example.org/img/x%20y.png?sig=abc", MediaReferenceKind.Http, "/img/x y.png", "x y.png")]
    [TestCase("HTTP://EXAMPLE.org/", MediaReferenceKind.Http, "/", "media")]
    [TestCase("images/cat.jpg", MediaReferenceKind.FilePath, "images/cat.jpg", "cat.jpg")]
    [TestCase("/data/upload/3/..", MediaReferenceKind.Upload, "3/..", "media")]
    [TestCase("/data/upload/3/a:b*c?.png", MediaReferenceKind.Upload, "3/a:b*c", "a_b_c")]
    public void Parse_LabelStudioForm_ClassifiesAndDecodes(string reference, MediaReferenceKind kind, string path, string fileName)
    {
        var parsed = MediaReference.Parse(reference);

        parsed.Kind.Should().Be(kind);
        parsed.Path.Should().Be(path);
        parsed.FileName.Should().Be(fileName);
        parsed.Original.Should().Be(reference);
    }

    // Each decoded segment escaped again (a space is %20, '#' %23, '+' %2B), the slashes between them kept; a path of
    // Label Studio's own as it came, relative to the root.
    [TestCase("/data/upload/3/a1b2c3d4-cat.jpg", "data/upload/3/a1b2c3d4-cat.jpg")]
    [TestCase("/data/upload/3/my%20cat%23.jpg", "data/upload/3/my%20cat%23.jpg")]
    [TestCase("/data/local-files/?d=images%2Fa+b%2Bc.png", "data/local-files/?d=images/a%20b%2Bc.png")]
    [TestCase("/data/local-files/?d=a..b/..c", "data/local-files/?d=a..b/..c")]
    [TestCase("/storage-data/uploaded/?filepath=upload/3/cat.jpg", "storage-data/uploaded/?filepath=upload/3/cat.jpg")]
    [TestCase("/labelstudio/data/upload/3/cat.jpg", "data/upload/3/cat.jpg")]
    public void ToLabelStudioRelativeUrl_ServedForm_RelativeToTheRoot(string reference, string expected) =>
        MediaReference.Parse(reference, "/labelstudio").ToLabelStudioRelativeUrl().Should().Be(expected);

    // The two copies this method replaced differed here: the media resolver let a local-files path with '..' go to the
    // server and the export download cache refused it; the cache split segments at '/' only, the resolver at '\' too.
    // Both now refuse a '..' segment between either separator, in both forms, before any request.
    [TestCase("/data/local-files/?d=../../etc/passwd")]
    [TestCase("/data/local-files/?d=images%2F..%2F..%2Fsecret")]
    [TestCase("/data/upload/3/..")]
    [TestCase("/data/upload/3/..\\..\\api")]
    [TestCase("/data/local-files/?d=a\\..\\b")]
    public void ToLabelStudioRelativeUrl_DotDotSegment_OutsideRoot(string reference)
    {
        var act = () => MediaReference.Parse(reference).ToLabelStudioRelativeUrl();

        act.Should().Throw<MediaException>().Which.Reason.Should().Be(MediaErrorReason.OutsideRoot);
    }

    [TestCase("s3://bucket/dir/cat.jpg")]
    [TestCase("https://example.org/img/x.png")]
    [TestCase("images/cat.jpg")]
    public void ToLabelStudioRelativeUrl_NotServedByLabelStudio_Unsupported(string reference)
    {
        var act = () => MediaReference.Parse(reference).ToLabelStudioRelativeUrl();

        act.Should().Throw<MediaException>().Which.Reason.Should().Be(MediaErrorReason.Unsupported);
    }

    [TestCase("/labelstudio/data/upload/3/cat.jpg", "/labelstudio", MediaReferenceKind.Upload, "3/cat.jpg")]
    [TestCase("/labelstudio/data/upload/3/cat.jpg", "/labelstudio/", MediaReferenceKind.Upload, "3/cat.jpg")]
    [TestCase("/labelstudio/data/upload/3/cat.jpg", "labelstudio", MediaReferenceKind.Upload, "3/cat.jpg")]
    [TestCase("/data/upload/3/cat.jpg", "/labelstudio", MediaReferenceKind.Upload, "3/cat.jpg")]
    [TestCase("/labelstudio-other/data/upload/3/cat.jpg", "/labelstudio", MediaReferenceKind.LabelStudioPath, "/labelstudio-other/data/upload/3/cat.jpg")]
    [TestCase("/ls/data/local-files/?d=a.png", "/ls", MediaReferenceKind.LocalFiles, "a.png")]
    public void Parse_BasePathPrefix_IsRemovedOnlyAsWholeSegment(string reference, string basePath, MediaReferenceKind kind, string path)
    {
        var parsed = MediaReference.Parse(reference, basePath);

        parsed.Kind.Should().Be(kind);
        parsed.Path.Should().Be(path);
    }

    [TestCase("", MediaErrorReason.InvalidReference)]
    [TestCase("   ", MediaErrorReason.InvalidReference)]
    [TestCase("/data/upload/1/a\nb.png", MediaErrorReason.InvalidReference)]
    [TestCase("/data/upload/1/a%00b.png", MediaErrorReason.InvalidReference)]
    [TestCase("/data/local-files/", MediaErrorReason.InvalidReference)]
    [TestCase("/data/local-files/?d=", MediaErrorReason.InvalidReference)]
    [TestCase("ftp://example.org/a.png", MediaErrorReason.Unsupported)]
    [TestCase("//example.org/a.png", MediaErrorReason.Unsupported)]
    [TestCase("data:image/png;base64,iVBORw0KGgo=", MediaErrorReason.Unsupported)]
    [TestCase("s3:///nobucket.png", MediaErrorReason.InvalidReference)]
    [TestCase("http://exa mple.org/a.png", MediaErrorReason.InvalidReference)]
    public void Parse_MalformedOrUnsupported_ThrowsWithReason(string reference, MediaErrorReason reason)
    {
        var act = () => MediaReference.Parse(reference);

        act.Should().Throw<MediaException>().Which.Reason.Should().Be(reason);
    }

    [TestCase("https://b.s3.amazonaws.com/k.png?X-Amz-Credential=AKIA%2F&X-Amz-Signature=deadbeef", "https://b.s3.amazonaws.com/k.png?X-Amz-Credential=***&X-Amz-Signature=***")]
    [TestCase("https://user:pa55@example.org/a.png", "https://***@example.org/a.png")]
    [TestCase("https://example.org/a.png#access_token=abc", "https://example.org/a.png#***")]
    [TestCase("/data/local-files/?d=img/a.png&token=abc", "/data/local-files/?d=img/a.png&token=***")]
    [TestCase("/tasks/1/presign/?fileuri=czM6Ly9i", "/tasks/1/presign/?fileuri=czM6Ly9i")]
    [TestCase("https://example.org/a.png?secret", "https://example.org/a.png?***")]
    [TestCase("/data/upload/1/a.png", "/data/upload/1/a.png")]
    public void Redact_SecretsInUrl_AreReplaced(string reference, string expected)
    {
        MediaReference.Redact(reference).Should().Be(expected);
    }

    [Test]
    public void ToString_IsRedacted()
    {
        MediaReference.Parse("https://example.org/a.png?sig=s3cr3t").ToString().Should().Be("https://example.org/a.png?sig=***");
    }
}
