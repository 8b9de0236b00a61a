using System.Globalization;
using System.Text;

namespace Gydex.Bench.Crm;

/// <summary>
/// Realistic Russian people and companies for the CRM bench: names with matching gender forms, company names,
/// and requisites whose control digits are valid (INN of 10 and 12 digits, OGRN, OGRNIP, KPP), seeded so that two
/// runs generate the same organization.
/// </summary>
internal sealed class RussianData(int seed)
{
    private readonly Random random = new(seed);

    private static readonly string[] Surnames =
    [
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
        "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
        "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
        "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
        "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов",
        "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров",
        "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов",
    ];

    private static readonly string[] MaleNames =
    [
        "Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Валерий", "Виктор", "Владимир",
        "Дмитрий", "Евгений", "Егор", "Иван", "Игорь", "Илья", "Кирилл", "Константин", "Максим", "Михаил",
        "Никита", "Николай", "Олег", "Павел", "Роман", "Сергей", "Станислав", "Юрий", "Ярослав", "Григорий",
    ];

    private static readonly string[] FemaleNames =
    [
        "Анастасия", "Анна", "Валентина", "Вера", "Виктория", "Галина", "Дарья", "Екатерина", "Елена", "Елизавета",
        "Ирина", "Кристина", "Ксения", "Лариса", "Любовь", "Людмила", "Марина", "Мария", "Надежда", "Наталья",
        "Ольга", "Полина", "Светлана", "София", "Татьяна", "Юлия", "Алина", "Вероника", "Маргарита", "Евгения",
    ];

    /// <summary>Fathers' names, from which both patronymic forms are made.</summary>
    private static readonly (string Male, string Female)[] Patronymics =
    [
        ("Александрович", "Александровна"), ("Алексеевич", "Алексеевна"), ("Андреевич", "Андреевна"), ("Викторович", "Викторовна"),
        ("Владимирович", "Владимировна"), ("Дмитриевич", "Дмитриевна"), ("Евгеньевич", "Евгеньевна"), ("Иванович", "Ивановна"),
        ("Игоревич", "Игоревна"), ("Михайлович", "Михайловна"), ("Николаевич", "Николаевна"), ("Олегович", "Олеговна"),
        ("Павлович", "Павловна"), ("Петрович", "Петровна"), ("Сергеевич", "Сергеевна"), ("Юрьевич", "Юрьевна"),
        ("Анатольевич", "Анатольевна"), ("Борисович", "Борисовна"), ("Васильевич", "Васильевна"), ("Геннадьевич", "Геннадьевна"),
    ];

    private static readonly string[] Positions =
    [
        "Генеральный директор", "Коммерческий директор", "Главный бухгалтер", "Менеджер по закупкам", "Менеджер по продажам",
        "Руководитель отдела снабжения", "Инженер", "Юрист", "Финансовый директор", "Специалист по логистике", "Секретарь",
        "Начальник склада", "Технический директор", "Маркетолог", "Офис-менеджер",
    ];

    private static readonly string[] NameRoots =
    [
        "Север", "Юг", "Восток", "Запад", "Альфа", "Бета", "Гамма", "Вектор", "Меридиан", "Горизонт", "Орион", "Сибирь",
        "Урал", "Волга", "Дон", "Нева", "Байкал", "Алтай", "Кристалл", "Гранит", "Рубин", "Сапфир", "Феникс", "Атлант",
        "Импульс", "Прогресс", "Стандарт", "Профи", "Техно", "Агро", "Эко", "Мега", "Гео", "Спектр", "Форвард", "Ресурс",
    ];

    private static readonly string[] NameTrades =
    [
        "Строй", "Торг", "Снаб", "Пром", "Инвест", "Логистик", "Сервис", "Трейд", "Холдинг", "Групп", "Маркет", "Монтаж",
        "Энерго", "Транс", "Комплект", "Металл", "Пласт", "Фарм", "Медиа", "Софт", "Лес", "Агро", "Хим", "Мебель",
    ];

    private static readonly string[] Cities =
    [
        "г. Москва", "г. Санкт-Петербург", "г. Новосибирск", "г. Екатеринбург", "г. Казань", "г. Нижний Новгород",
        "г. Челябинск", "г. Самара", "г. Ростов-на-Дону", "г. Уфа", "г. Красноярск", "г. Пермь", "г. Воронеж", "г. Волгоград",
    ];

    private static readonly string[] Streets =
    [
        "ул. Ленина", "ул. Мира", "ул. Советская", "пр-т Победы", "ул. Гагарина", "ул. Садовая", "ул. Лесная", "ул. Школьная",
        "ул. Заводская", "наб. Речная", "ул. Центральная", "ул. Молодёжная", "пер. Почтовый", "ш. Энтузиастов",
    ];

    /// <summary>Regions that prefix an INN (the tax office's region).</summary>
    private static readonly string[] Regions = ["77", "78", "50", "66", "16", "52", "74", "63", "61", "02", "24", "59", "36", "34", "54"];

    private static readonly Dictionary<char, string> Latin = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch",
        ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    public sealed record Person(string Surname, string Name, string Patronymic, bool Female);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public int Next(int max) => random.Next(max);

    public double NextDouble() => random.NextDouble();

    public Person NextPerson()
    {
        var female = random.Next(2) == 0;
        var surname = Pick(Surnames);
        var (male, femalePatronymic) = Pick(Patronymics);
        return female
            ? new Person(Feminine(surname), Pick(FemaleNames), femalePatronymic, true)
            : new Person(surname, Pick(MaleNames), male, false);
    }

    /// <summary>Иванов → Иванова, Соловьёв → Соловьёва, Ильин → Ильина.</summary>
    private static string Feminine(string surname) => surname + "а";

    public string Position() => Pick(Positions);

    public string CompanyName() => Pick(NameRoots) + Pick(NameTrades);

    public string Address() =>
        string.Create(CultureInfo.InvariantCulture, $"{Pick(Cities)}, {Pick(Streets)}, д. {random.Next(1, 120)}, оф. {random.Next(1, 400)}");

    public string Phone() =>
        string.Create(CultureInfo.InvariantCulture, $"+7 9{random.Next(10, 100):D2} {random.Next(1000):D3}-{random.Next(100):D2}-{random.Next(100):D2}");

    public string Email(Person person, int unique) =>
        string.Create(CultureInfo.InvariantCulture, $"{Translit(person.Name)[0]}.{Translit(person.Surname)}{unique}@{Pick(Domains)}");

    private static readonly string[] Domains = ["mail.ru", "yandex.ru", "gmail.com", "inbox.ru", "bk.ru", "rambler.ru", "list.ru"];

    public static string Translit(string text)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text.ToLowerInvariant())
            builder.Append(Latin.TryGetValue(c, out var latin) ? latin : c.ToString());
        return builder.ToString();
    }

    private string Digits(int count)
    {
        Span<char> digits = stackalloc char[count];
        for (var i = 0; i < count; i++)
            digits[i] = (char)('0' + random.Next(10));
        return new string(digits);
    }

    /// <summary>The INN of an organization: 10 digits, the last a control digit.</summary>
    public string LegalInn()
    {
        var body = Pick(Regions) + Digits(7);
        return body + Control(body, [2, 4, 10, 3, 5, 9, 4, 6, 8]);
    }

    /// <summary>The INN of a person or sole proprietor: 12 digits, the last two control digits.</summary>
    public string PersonInn()
    {
        var body = Pick(Regions) + Digits(8);
        body += Control(body, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
        return body + Control(body, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
    }

    private static char Control(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
            sum += (digits[i] - '0') * weights[i];
        return (char)('0' + (sum % 11 % 10));
    }

    /// <summary>KPP: the tax office of the INN's region, reason 01 (registered at its address), number 001.</summary>
    public static string Kpp(string inn) => inn[..4] + "01001";

    /// <summary>OGRN (13 digits, control = the first 12 mod 11 mod 10) or OGRNIP (15 digits, mod 13 mod 10).</summary>
    public string Ogrn(bool soleProprietor)
    {
        var body = (soleProprietor ? "3" : "1") + random.Next(2, 25).ToString("D2", CultureInfo.InvariantCulture) + Pick(Regions) + Digits(soleProprietor ? 9 : 7);
        var modulus = soleProprietor ? 13 : 11;
        var remainder = 0;
        foreach (var c in body)
            remainder = ((remainder * 10) + (c - '0')) % modulus;
        return body + (char)('0' + (remainder % 10));
    }
}
