namespace Course.Web.Accounts;

/// <summary>Every account is a learner; some are also instructors.</summary>
public static class Roles
{
    public const string Learner = "Learner";
    public const string Instructor = "Instructor";

    public static readonly string[] All = [Learner, Instructor];
}
