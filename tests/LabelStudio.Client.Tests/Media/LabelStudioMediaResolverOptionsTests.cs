using LabelStudio.Client.Media;

namespace LabelStudio.Client.Tests.Media;

public class LabelStudioMediaResolverOptionsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void FromEnvironment_PythonBackendVariables_AreMapped()
    {
        var options = LabelStudioMediaResolverOptions.FromEnvironment(Env(
            ("LABEL_STUDIO_URL", "http://ls:8080/base/"),
            ("LABEL_STUDIO_API_KEY", "abc"),
            ("LOCAL_FILES_DOCUMENT_ROOT", "/data/files"),
            ("LS_UPLOAD_DIR", "/ls/media/upload")));

        options.LabelStudioUrl.Should().Be(new Uri("http://ls:8080/base/"));
        options.ApiKey.Should().Be("abc");
        options.LocalFilesDocumentRoot.Should().Be("/data/files");
        options.UploadDirectory.Should().Be("/ls/media/upload");
    }

    [Test]
    public void FromEnvironment_Fallbacks_AreUsedInOrder()
    {
        var options = LabelStudioMediaResolverOptions.FromEnvironment(Env(
            ("LABEL_STUDIO_HOST", "https://ls.example.org"),
            ("HOSTNAME", "http://ignored:1"),
            ("LABEL_STUDIO_ACCESS_TOKEN", "tok"),
            ("LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT", "/files")));

        options.LabelStudioUrl.Should().Be(new Uri("https://ls.example.org"));
        options.ApiKey.Should().Be("tok");
        options.LocalFilesDocumentRoot.Should().Be("/files");
    }

    [Test]
    public void FromEnvironment_ShellHostnameThatIsNotAUrl_IsIgnored()
    {
        var options = LabelStudioMediaResolverOptions.FromEnvironment(Env(("HOSTNAME", "build-vm-7")));

        options.LabelStudioUrl.Should().BeNull();
    }

    [Test]
    public void FromEnvironment_Nothing_KeepsSafeDefaults()
    {
        var options = LabelStudioMediaResolverOptions.FromEnvironment(Env());

        options.LabelStudioUrl.Should().BeNull();
        options.ApiKey.Should().BeNull();
        options.LocalFilesDocumentRoot.Should().BeNull();
        options.UploadDirectory.Should().BeNull();
        options.AllowFilePaths.Should().BeFalse();
        options.AllowedNetworks.Should().BeEmpty();
    }

    [TestCase("localhost:8080")]
    [TestCase("ftp://ls")]
    public void FromEnvironment_UrlWithoutHttpScheme_ThrowsNamingIt(string url)
    {
        var act = () => LabelStudioMediaResolverOptions.FromEnvironment(Env(("LABEL_STUDIO_URL", url)));

        act.Should().Throw<ArgumentException>().WithMessage($"*{url}*");
    }
}
