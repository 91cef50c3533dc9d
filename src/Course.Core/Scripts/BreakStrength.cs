namespace Course.Core.Scripts;

/// <summary>SSML's named break strengths.</summary>
public enum BreakStrength
{
    None,
    XWeak,
    Weak,
    Medium,
    Strong,
    XStrong,
}

/// <summary>
/// The durations we give SSML's named strengths (the values Azure's speech service documents),
/// so a script sounds the same in the player as when sent to a speech engine.
/// </summary>
public static class BreakStrengths
{
    private static readonly (BreakStrength Strength, string Name, int Milliseconds)[] Table =
    [
        (BreakStrength.None, "none", 0),
        (BreakStrength.XWeak, "x-weak", 250),
        (BreakStrength.Weak, "weak", 500),
        (BreakStrength.Medium, "medium", 750),
        (BreakStrength.Strong, "strong", 1000),
        (BreakStrength.XStrong, "x-strong", 1250),
    ];

    public static IEnumerable<BreakStrength> All => Table.Select(t => t.Strength);

    public static int Milliseconds(BreakStrength strength) => Table[(int)strength].Milliseconds;

    public static string Name(BreakStrength strength) => Table[(int)strength].Name;

    public static bool TryParse(string name, out BreakStrength strength)
    {
        foreach (var row in Table)
        {
            if (row.Name == name)
            {
                strength = row.Strength;
                return true;
            }
        }

        strength = default;
        return false;
    }
}
