namespace Course.Web;

/// <summary>Marker type for the interface strings in Resources/SharedResource*.resx.</summary>
public sealed class SharedResource;
