using System.ComponentModel.DataAnnotations;

namespace Gydex.Kernel.Identity.Pages;

/// <summary>A login (or e-mail) and password as both sign-in forms take them.</summary>
public class CredentialsInput
{
    [Required(ErrorMessage = "Enter your login or e-mail.")]
    [StringLength(256, ErrorMessage = "The login is too long.")]
    public string Login { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(256, ErrorMessage = "The password is too long.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
