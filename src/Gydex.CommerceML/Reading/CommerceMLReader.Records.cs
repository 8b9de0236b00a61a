using System.Xml;

namespace Gydex.CommerceML;

public sealed partial class CommerceMLReader
{
    // ---- containers --------------------------------------------------------------------------------------------

    private IEnumerable<CommerceMLItem> ReadClassifier()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        var onlyChanges = ReadContainerAttributes(ref extras);
        string? id = null, name = null, description = null;
        Counterparty? owner = null;
        bool emitted = false, late = false;

        ClassifierInfo Info() => new()
        {
            Id = id, Name = name, Description = description, Owner = owner, OnlyChangesAttribute = onlyChanges, Extras = extras.ToValueList(),
        };

        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); late |= emitted; break;
                case "Наименование": name = Str(); late |= emitted; break;
                case "Описание": description = Str(); late |= emitted; break;
                case "Владелец": owner = ReadCounterparty(); late |= emitted; break;
                case "Группы":
                    if (!emitted)
                    {
                        emitted = true;
                        yield return Info();
                    }
                    foreach (var group in ReadGroupList(null))
                        yield return group;
                    break;
                case "Свойства":
                case "ТипыЦен":
                case "Склады":
                case "ЕдиницыИзмерения":
                    if (!emitted)
                    {
                        emitted = true;
                        yield return Info();
                    }
                    foreach (var item in ReadList(x.LocalName))
                        yield return item;
                    break;
                default:
                    AddExtra(ref extras, home);
                    late |= emitted;
                    break;
            }
        }
        if (!emitted || late)
            yield return Info();
    }

    /// <summary>The records of a classifier or package list (Свойства, ТипыЦен, Склады, ЕдиницыИзмерения).</summary>
    private IEnumerable<CommerceMLItem> ReadList(string listName)
    {
        var d = Enter();
        while (Next(d))
        {
            BeginRecord();
            switch (listName, x.LocalName)
            {
                case ("Свойства", "Свойство"): yield return ReadProperty(); break;
                case ("ТипыЦен", "ТипЦены"): yield return ReadPriceType(); break;
                case ("Склады", "Склад"): yield return ReadWarehouse(); break;
                case ("ЕдиницыИзмерения", "ЕдиницаИзмерения"): yield return ReadUnit(); break;
                default:
                    Warn($"unexpected <{x.LocalName}> in <{listName}> is skipped", null, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);
                    SkipChecked();
                    break;
            }
        }
    }

    private IEnumerable<CommerceMLItem> ReadCatalog()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        var onlyChanges = ReadContainerAttributes(ref extras);
        string? id = null, classifierId = null, name = null, description = null;
        Counterparty? owner = null;
        bool emitted = false, late = false;

        CatalogInfo Info() => new()
        {
            Id = id, ClassifierId = classifierId, Name = name, Description = description, Owner = owner,
            OnlyChangesAttribute = onlyChanges, Extras = extras.ToValueList(),
        };

        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); late |= emitted; break;
                case "ИдКлассификатора": classifierId = Str(); late |= emitted; break;
                case "Наименование": name = Str(); late |= emitted; break;
                case "Описание": description = Str(); late |= emitted; break;
                case "Владелец": owner = ReadCounterparty(); late |= emitted; break;
                case "Товары":
                    if (!emitted)
                    {
                        emitted = true;
                        yield return Info();
                    }
                    var products = Enter();
                    while (Next(products))
                    {
                        BeginRecord();
                        if (x.LocalName == "Товар")
                        {
                            yield return ReadProduct();
                        }
                        else
                        {
                            Warn($"unexpected <{x.LocalName}> in <Товары> is skipped", null, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);
                            SkipChecked();
                        }
                    }
                    break;
                default:
                    AddExtra(ref extras, home);
                    late |= emitted;
                    break;
            }
        }
        if (!emitted || late)
            yield return Info();
    }

    private IEnumerable<CommerceMLItem> ReadOfferPackage(bool isChanges)
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        var onlyChanges = ReadContainerAttributes(ref extras);
        string? id = null, name = null, catalogId = null, classifierId = null, description = null;
        Counterparty? owner = null;
        DateTime? validFrom = null, validTo = null;
        bool emitted = false, late = false;

        OfferPackageInfo Info() => new()
        {
            Id = id, Name = name, CatalogId = catalogId, ClassifierId = classifierId, Description = description, Owner = owner,
            ValidFrom = validFrom, ValidTo = validTo, OnlyChangesAttribute = onlyChanges, IsChangesPackage = isChanges,
            Extras = extras.ToValueList(),
        };

        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); late |= emitted; break;
                case "Наименование": name = Str(); late |= emitted; break;
                case "ИдКаталога": catalogId = Str(); late |= emitted; break;
                case "ИдКлассификатора": classifierId = Str(); late |= emitted; break;
                case "Описание": description = Str(); late |= emitted; break;
                case "Владелец": owner = ReadCounterparty(); late |= emitted; break;
                case "ДействительноС": validFrom = DateTimeValue(); late |= emitted; break;
                case "ДействительноДо": validTo = DateTimeValue(); late |= emitted; break;
                case "ТипыЦен":
                case "Склады":
                    if (!emitted)
                    {
                        emitted = true;
                        yield return Info();
                    }
                    foreach (var item in ReadList(x.LocalName))
                        yield return item;
                    break;
                case "Предложения":
                    if (!emitted)
                    {
                        emitted = true;
                        yield return Info();
                    }
                    var offers = Enter();
                    while (Next(offers))
                    {
                        BeginRecord();
                        if (x.LocalName == "Предложение")
                        {
                            yield return ReadOffer();
                        }
                        else
                        {
                            Warn($"unexpected <{x.LocalName}> in <Предложения> is skipped", null, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);
                            SkipChecked();
                        }
                    }
                    break;
                default:
                    AddExtra(ref extras, home);
                    late |= emitted;
                    break;
            }
        }
        if (!emitted || late)
            yield return Info();
    }

    private IEnumerable<CommerceMLItem> ReadCounterparties()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        var onlyChanges = ReadContainerAttributes(ref extras);
        var d = Enter();
        var emitted = false;
        while (Next(d))
        {
            BeginRecord();
            if (x.LocalName == "Контрагент")
            {
                if (!emitted)
                {
                    emitted = true;
                    yield return new CounterpartiesInfo { OnlyChangesAttribute = onlyChanges, Extras = extras.ToValueList() };
                }
                yield return ReadCounterparty();
            }
            else
            {
                AddExtra(ref extras, home);
            }
        }
        if (!emitted)
            yield return new CounterpartiesInfo { OnlyChangesAttribute = onlyChanges, Extras = extras.ToValueList() };
    }

    // ---- classifier records ------------------------------------------------------------------------------------

    private sealed class GroupNode
    {
        public string? Id;
        public string? Name;
        public string? Description;
        public string? VersionNumber;
        public bool? DeletionMark;
        public List<CommerceMLExtra>? Extras;
        public List<GroupNode>? Children;
        public int Line;
        public int Position;
        public int Depth;
    }

    /// <summary>Reads a Группы list; each top-level group's subtree is read whole, then flattened parent-first.</summary>
    private IEnumerable<Group> ReadGroupList(string? parentId)
    {
        var d = Enter();
        while (Next(d))
        {
            BeginRecord();
            if (x.LocalName != "Группа")
            {
                Warn($"unexpected <{x.LocalName}> in <Группы> is skipped", null, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);
                SkipChecked();
                continue;
            }
            var node = ReadGroupNode();
            var flat = new List<Group>();
            Flatten(node, parentId, flat);
            foreach (var group in flat)
                yield return group;
        }
    }

    private GroupNode ReadGroupNode()
    {
        var node = new GroupNode { Line = lineInfo.LineNumber, Position = lineInfo.LinePosition, Depth = x.Depth };
        KeepAttributes(ref node.Extras, node.Depth);
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": node.Id = Str(); break;
                case "Наименование": node.Name = Str(); break;
                case "Описание": node.Description = Str(); break;
                case "НомерВерсии": node.VersionNumber = Str(); break;
                case "ПометкаУдаления": node.DeletionMark = Bool(); break;
                case "Группы":
                    var groups = Enter();
                    while (Next(groups))
                    {
                        if (x.LocalName == "Группа")
                            (node.Children ??= []).Add(ReadGroupNode());
                        else
                            AddExtra(ref node.Extras, node.Depth);
                    }
                    break;
                default: AddExtra(ref node.Extras, node.Depth); break;
            }
        }
        return node;
    }

    private void Flatten(GroupNode node, string? parentId, List<Group> output)
    {
        if (string.IsNullOrEmpty(node.Id))
            Warn("a group without Ид", node.Name, node.Line, node.Position, 0);
        output.Add(new Group
        {
            Id = node.Id ?? "", ParentId = parentId, Name = node.Name, Description = node.Description,
            VersionNumber = node.VersionNumber, DeletionMark = node.DeletionMark, Extras = node.Extras.ToValueList(),
        });
        if (node.Children is null)
            return;
        foreach (var child in node.Children)
            Flatten(child, node.Id, output);
    }

    private Property ReadProperty()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? id = null, name = null, description = null, valueType = null, version = null;
        bool? required = null, multiple = null, forProducts = null, forOffers = null, forDocuments = null, deleted = null;
        List<PropertyOption>? options = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); break;
                case "Наименование": name = Str(); break;
                case "Описание": description = Str(); break;
                case "ТипЗначений": valueType = Str(); break;
                case "Обязательное": required = Bool(); break;
                case "Множественное": multiple = Bool(); break;
                case "ДляТоваров": forProducts = Bool(); break;
                case "ДляПредложений": forOffers = Bool(); break;
                case "ДляДокументов": forDocuments = Bool(); break;
                case "НомерВерсии": version = Str(); break;
                case "ПометкаУдаления": deleted = Bool(); break;
                case "ВариантыЗначений":
                    var vd = Enter();
                    while (Next(vd))
                    {
                        switch (x.LocalName)
                        {
                            case "Значение":
                                (options ??= []).Add(new PropertyOption(null, Str()));
                                break;
                            case "Справочник":
                                string? optionId = null, optionValue = null;
                                var od = Enter();
                                while (Next(od))
                                {
                                    switch (x.LocalName)
                                    {
                                        case "ИдЗначения": optionId = Str(); break;
                                        case "Значение": optionValue = Str(); break;
                                        default: AddExtra(ref extras, home); break;
                                    }
                                }
                                (options ??= []).Add(new PropertyOption(optionId, optionValue));
                                break;
                            default: AddExtra(ref extras, home); break;
                        }
                    }
                    break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Property
        {
            Id = id ?? "", Name = name, Description = description, ValueType = valueType, IsRequired = required, IsMultiple = multiple,
            ForProducts = forProducts, ForOffers = forOffers, ForDocuments = forDocuments, Options = options.ToValueList(),
            VersionNumber = version, DeletionMark = deleted, Extras = extras.ToValueList(),
        };
    }

    private PriceType ReadPriceType()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? id = null, name = null, currency = null, description = null;
        Tax? tax = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); break;
                case "Наименование": name = Str(); break;
                case "Валюта": currency = Str(); break;
                case "Описание": description = Str(); break;
                case "Налог": tax = ReadTax(); break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new PriceType { Id = id ?? "", Name = name, Currency = currency, Description = description, Tax = tax, Extras = extras.ToValueList() };
    }

    private Warehouse ReadWarehouse()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? id = null, name = null;
        Address? address = null;
        ValueList<Contact> contacts = ValueList<Contact>.Empty;
        bool? deleted = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); break;
                case "Наименование": name = Str(); break;
                case "Адрес": address = ReadAddress(); break;
                case "Контакты": contacts = ReadContacts(); break;
                case "ПометкаУдаления": deleted = Bool(); break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Warehouse { Id = id ?? "", Name = name, Address = address, Contacts = contacts, DeletionMark = deleted, Extras = extras.ToValueList() };
    }

    private Unit ReadUnit()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? id = null, code = null, shortName = null, fullName = null, international = null;
        bool? deleted = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); break;
                case "Код": code = Str(); break;
                case "НаименованиеКраткое": shortName = Str(); break;
                case "НаименованиеПолное": fullName = Str(); break;
                case "МеждународноеСокращение": international = Str(); break;
                case "ПометкаУдаления": deleted = Bool(); break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Unit
        {
            Id = id, Code = code, ShortName = shortName, FullName = fullName, InternationalAbbreviation = international,
            DeletionMark = deleted, Extras = extras.ToValueList(),
        };
    }

    // ---- shared pieces -----------------------------------------------------------------------------------------

    private Tax ReadTax()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? name = null, rate = null;
        bool? included = null, excise = null;
        decimal? sum = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Наименование": name = Str(); break;
                case "УчтеноВСумме": included = Bool(); break;
                case "Сумма": sum = Dec(); break;
                case "Ставка": rate = Str(); break;
                case "Акциз": excise = Bool(); break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Tax { Name = name, IncludedInSum = included, Sum = sum, Rate = rate, Excise = excise, Extras = extras.ToValueList() };
    }

    private ValueList<Tax> ReadTaxes()
    {
        List<Tax>? taxes = null;
        var d = Enter();
        while (Next(d))
        {
            if (x.LocalName == "Налог")
                (taxes ??= []).Add(ReadTax());
            else
                SkipUnexpected("Налоги");
        }
        return taxes.ToValueList();
    }

    private ValueList<Discount> ReadDiscounts()
    {
        List<Discount>? discounts = null;
        var d = Enter();
        while (Next(d))
        {
            if (x.LocalName != "Скидка")
            {
                SkipUnexpected("Скидки");
                continue;
            }
            List<CommerceMLExtra>? extras = null;
            var home = x.Depth;
            KeepAttributes(ref extras, home);
            string? name = null;
            decimal? sum = null, percent = null;
            bool? included = null;
            var sd = Enter();
            while (Next(sd))
            {
                switch (x.LocalName)
                {
                    case "Наименование": name = Str(); break;
                    case "Сумма": sum = Dec(); break;
                    case "Процент": percent = Dec(); break;
                    case "УчтеноВСумме": included = Bool(); break;
                    default: AddExtra(ref extras, home); break;
                }
            }
            (discounts ??= []).Add(new Discount { Name = name, Sum = sum, Percent = percent, IncludedInSum = included, Extras = extras.ToValueList() });
        }
        return discounts.ToValueList();
    }

    private void SkipUnexpected(string container)
    {
        Warn($"unexpected <{x.LocalName}> in <{container}> is skipped", null, lineInfo.LineNumber, lineInfo.LinePosition, x.Depth);
        SkipChecked();
    }

    private ValueList<Requisite> ReadRequisites()
    {
        List<Requisite>? requisites = null;
        var d = Enter();
        while (Next(d))
        {
            if (x.LocalName != "ЗначениеРеквизита")
            {
                SkipUnexpected("ЗначенияРеквизитов");
                continue;
            }
            string? name = null;
            string? single = null;
            List<string>? values = null;
            var rd = Enter();
            while (Next(rd))
            {
                switch (x.LocalName)
                {
                    case "Наименование": name = Str(); break;
                    case "Значение":
                        var value = Text();
                        if (single is null && values is null)
                        {
                            single = value;
                        }
                        else
                        {
                            values ??= [single!];
                            values.Add(value);
                        }
                        break;
                    default: SkipUnexpected("ЗначениеРеквизита"); break;
                }
            }
            var all = values is not null ? values.ToValueList() : single is not null ? ValueList.Wrap([single]) : ValueList<string>.Empty;
            (requisites ??= []).Add(new Requisite(name ?? "", all));
        }
        return requisites.ToValueList();
    }

    private Address ReadAddress()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? presentation = null, comment = null;
        List<AddressField>? fields = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Представление": presentation = Str(); break;
                case "Комментарий": comment = Str(); break;
                case "АдресноеПоле":
                    string? type = null, value = null;
                    var fd = Enter();
                    while (Next(fd))
                    {
                        switch (x.LocalName)
                        {
                            case "Тип": type = Str(); break;
                            case "Значение": value = Str(); break;
                            default: AddExtra(ref extras, home); break;
                        }
                    }
                    (fields ??= []).Add(new AddressField(type, value));
                    break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Address { Presentation = presentation, Comment = comment, Fields = fields.ToValueList(), Extras = extras.ToValueList() };
    }

    private ValueList<Contact> ReadContacts()
    {
        List<Contact>? contacts = null;
        var d = Enter();
        while (Next(d))
        {
            if (x.LocalName != "Контакт")
            {
                SkipUnexpected("Контакты");
                continue;
            }
            string? type = null, value = null, comment = null;
            var cd = Enter();
            while (Next(cd))
            {
                switch (x.LocalName)
                {
                    case "Тип": type = Str(); break;
                    case "Значение": value = Str(); break;
                    case "Комментарий": comment = Str(); break;
                    default: SkipUnexpected("Контакт"); break;
                }
            }
            (contacts ??= []).Add(new Contact(type, value, comment));
        }
        return contacts.ToValueList();
    }

    private Bank ReadBank()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? name = null, correspondent = null, bic = null;
        Address? address = null;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Наименование": name = Str(); break;
                case "СчетКорреспондентский": correspondent = Str(); break;
                case "БИК": bic = Str(); break;
                case "Адрес": address = ReadAddress(); break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Bank { Name = name, CorrespondentAccount = correspondent, Bic = bic, Address = address, Extras = extras.ToValueList() };
    }

    private ValueList<BankAccount> ReadBankAccounts()
    {
        List<BankAccount>? accounts = null;
        var d = Enter();
        while (Next(d))
        {
            if (x.LocalName != "РасчетныйСчет")
            {
                SkipUnexpected("РасчетныеСчета");
                continue;
            }
            List<CommerceMLExtra>? extras = null;
            var home = x.Depth;
            KeepAttributes(ref extras, home);
            string? number = null;
            Bank? bank = null, correspondent = null;
            var ad = Enter();
            while (Next(ad))
            {
                switch (x.LocalName)
                {
                    case "НомерСчета": number = Str(); break;
                    case "Банк": bank = ReadBank(); break;
                    case "БанкКорреспондент": correspondent = ReadBank(); break;
                    default: AddExtra(ref extras, home); break;
                }
            }
            (accounts ??= []).Add(new BankAccount { Number = number, Bank = bank, CorrespondentBank = correspondent, Extras = extras.ToValueList() });
        }
        return accounts.ToValueList();
    }

    private ValueList<Representative> ReadRepresentatives()
    {
        List<Representative>? list = null;
        var d = Enter();
        while (Next(d))
        {
            if (x.LocalName != "Представитель")
            {
                SkipUnexpected("Представители");
                continue;
            }
            string? relation = null, id = null, name = null;
            var rd = Enter();
            while (Next(rd))
            {
                switch (x.LocalName)
                {
                    case "Отношение": relation = Str(); break;
                    case "Ид": id = Str(); break;
                    case "Наименование": name = Str(); break;
                    case "Контрагент":
                        // 2.03 nests the fields in a Контрагент.
                        var cd = Enter();
                        while (Next(cd))
                        {
                            switch (x.LocalName)
                            {
                                case "Отношение": relation = Str(); break;
                                case "Ид": id = Str(); break;
                                case "Наименование": name = Str(); break;
                                default: SkipUnexpected("Представитель"); break;
                            }
                        }
                        break;
                    default: SkipUnexpected("Представитель"); break;
                }
            }
            (list ??= []).Add(new Representative(relation, id, name));
        }
        return list.ToValueList();
    }

    private Counterparty ReadCounterparty()
    {
        List<CommerceMLExtra>? extras = null;
        var home = x.Depth;
        KeepAttributes(ref extras, home);
        string? id = null, version = null, name = null, role = null, comment = null, officialName = null, okpo = null, okved = null;
        string? fullName = null, surname = null, firstName = null, middleName = null, inn = null, kpp = null;
        bool? deleted = null;
        DateOnly? birthDate = null;
        Address? legalAddress = null, registrationAddress = null, address = null;
        var accounts = ValueList<BankAccount>.Empty;
        var contacts = ValueList<Contact>.Empty;
        var representatives = ValueList<Representative>.Empty;
        var d = Enter();
        while (Next(d))
        {
            switch (x.LocalName)
            {
                case "Ид": id = Str(); break;
                case "НомерВерсии": version = Str(); break;
                case "ПометкаУдаления": deleted = Bool(); break;
                case "Наименование": name = Str(); break;
                case "Роль": role = Str(); break;
                case "Комментарий": comment = Str(); break;
                case "ОфициальноеНаименование": officialName = Str(); break;
                case "ЮридическийАдрес": legalAddress = ReadAddress(); break;
                case "ОКПО" or "КодПоОКПО": okpo = Str(); break;
                case "ОКВЭД": okved = Str(); break;
                case "РасчетныеСчета": accounts = ReadBankAccounts(); break;
                case "ПолноеНаименование": fullName = Str(); break;
                case "Фамилия": surname = Str(); break;
                case "Имя": firstName = Str(); break;
                case "Отчество": middleName = Str(); break;
                case "ДатаРождения": birthDate = Date(); break;
                case "АдресРегистрации": registrationAddress = ReadAddress(); break;
                case "ИНН": inn = Str(); break;
                case "КПП": kpp = Str(); break;
                case "Адрес": address = ReadAddress(); break;
                case "Контакты": contacts = ReadContacts(); break;
                case "Представители": representatives = ReadRepresentatives(); break;
                default: AddExtra(ref extras, home); break;
            }
        }
        return new Counterparty
        {
            Id = id, VersionNumber = version, DeletionMark = deleted, Name = name, Role = role, Comment = comment,
            OfficialName = officialName, LegalAddress = legalAddress, Okpo = okpo, Okved = okved, BankAccounts = accounts,
            FullName = fullName, Surname = surname, FirstName = firstName, MiddleName = middleName, BirthDate = birthDate,
            RegistrationAddress = registrationAddress, Inn = inn, Kpp = kpp, Address = address, Contacts = contacts,
            Representatives = representatives, Extras = extras.ToValueList(),
        };
    }
}
