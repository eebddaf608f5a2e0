namespace LabelStudio.Formats.Geometry;

/// <summary>An image size in pixels (<c>original_width</c>, <c>original_height</c> of a result).</summary>
public readonly record struct ImageSize
{
    /// <summary>Creates a size; both dimensions must be positive and finite.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive or not finite.</exception>
    public ImageSize(double width, double height)
    {
        if (!double.IsFinite(width) || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "Image width must be a positive number of pixels.");
        }

        if (!double.IsFinite(height) || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, "Image height must be a positive number of pixels.");
        }

        Width = width;
        Height = height;
    }

    /// <summary>Width in pixels.</summary>
    public double Width { get; }

    /// <summary>Height in pixels.</summary>
    public double Height { get; }
}
