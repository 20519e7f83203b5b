/// One item of a procedure's form: the input its kind calls for, its hint, its errors next to it.
enum RequestsFieldTemplate {
    static let field = """
        {{#is_section}}<h3>{{label}}</h3>{{/is_section}}
        {{#is_explanation}}<div class="info"><p><strong>{{label}}</strong></p><p>{{text}}</p></div>{{/is_explanation}}
        {{^is_section}}{{^is_explanation}}
        <div class="champ{{#hasErrors}} champ-erreur{{/hasErrors}}">
          {{#is_single}}<fieldset{{#hasErrors}} aria-describedby="{{id}}-erreurs"{{/hasErrors}}><legend>{{label}}{{#required}} <span class="obligatoire">(obligatoire)</span>{{/required}}</legend>
            {{#help}}<p class="aide">{{help}}</p>{{/help}}{{#condition}}<p class="aide">{{condition}}</p>{{/condition}}
            {{#choices}}<p><input type="radio" name="{{key}}" id="{{id}}" value="{{value}}"{{#checked}} checked{{/checked}}> <label for="{{id}}">{{label}}</label></p>{{/choices}}
          </fieldset>{{/is_single}}
          {{#is_multiple}}<fieldset{{#hasErrors}} aria-describedby="{{id}}-erreurs"{{/hasErrors}}><legend>{{label}}{{#required}} <span class="obligatoire">(obligatoire)</span>{{/required}}</legend>
            {{#help}}<p class="aide">{{help}}</p>{{/help}}{{#condition}}<p class="aide">{{condition}}</p>{{/condition}}
            {{#choices}}<p><input type="checkbox" name="{{key}}" id="{{id}}" value="{{value}}"{{#checked}} checked{{/checked}}> <label for="{{id}}">{{label}}</label></p>{{/choices}}
          </fieldset>{{/is_multiple}}
          {{#is_yesno}}<fieldset{{#hasErrors}} aria-describedby="{{id}}-erreurs"{{/hasErrors}}><legend>{{label}}{{#required}} <span class="obligatoire">(obligatoire)</span>{{/required}}</legend>
            {{#help}}<p class="aide">{{help}}</p>{{/help}}{{#condition}}<p class="aide">{{condition}}</p>{{/condition}}
            <p><input type="radio" name="{{key}}" id="{{id}}-oui" value="oui"{{#yes}} checked{{/yes}}> <label for="{{id}}-oui">Oui</label>
               <input type="radio" name="{{key}}" id="{{id}}-non" value="non"{{#no}} checked{{/no}}> <label for="{{id}}-non">Non</label></p>
          </fieldset>{{/is_yesno}}
          {{^is_single}}{{^is_multiple}}{{^is_yesno}}
          <label for="{{id}}">{{label}}{{#required}} <span class="obligatoire">(obligatoire)</span>{{/required}}</label>
          {{#help}}<p class="aide" id="{{id}}-aide">{{help}}</p>{{/help}}{{#condition}}<p class="aide">{{condition}}</p>{{/condition}}
          {{#is_text}}<input type="text" name="{{key}}" id="{{id}}" value="{{value}}" maxlength="{{maxLength}}">{{/is_text}}
          {{#is_textarea}}<textarea name="{{key}}" id="{{id}}" rows="5" maxlength="{{maxLength}}">{{value}}</textarea>{{/is_textarea}}
          {{#is_number}}<input type="text" inputmode="decimal" name="{{key}}" id="{{id}}" value="{{value}}">{{#bounds}}<small>{{bounds}}</small>{{/bounds}}{{/is_number}}
          {{#is_date}}<input type="date" name="{{key}}" id="{{id}}" value="{{value}}"> <small>AAAA-MM-JJ ou JJ/MM/AAAA</small>{{/is_date}}
          {{#is_email}}<input type="email" name="{{key}}" id="{{id}}" value="{{value}}" autocomplete="email">{{/is_email}}
          {{#is_phone}}<input type="tel" name="{{key}}" id="{{id}}" value="{{value}}" autocomplete="tel">{{/is_phone}}
          {{#is_siret}}<input type="text" inputmode="numeric" name="{{key}}" id="{{id}}" value="{{value}}"> <small>14 chiffres</small>{{/is_siret}}
          {{#is_iban}}<input type="text" name="{{key}}" id="{{id}}" value="{{value}}"> <small>FR76 …</small>{{/is_iban}}
          {{#is_file}}{{#kept}}<p>Fichier joint : {{kept}} <input type="hidden" name="{{key}}" value="{{value}}"></p><p><label for="{{id}}">Remplacer le fichier</label></p>{{/kept}}<input type="file" name="{{key}}" id="{{id}}" accept="{{accept}}"> <small>{{limit}} au plus</small>
            {{#hasSafe}}<p><label for="{{id}}-coffre">Ou joindre un document de mon coffre-fort</label>
              <select id="{{id}}-coffre" name="_coffre_{{key}}"><option value="">—</option>{{#safe}}<option value="{{document}}">{{name}}</option>{{/safe}}</select></p>{{/hasSafe}}{{/is_file}}
          {{#is_address}}<input type="text" name="{{key}}" id="{{id}}" value="{{value}}" autocomplete="street-address">
            <details><summary>Préciser la position (facultatif)</summary>
              <p><label for="{{id}}-lat">Latitude</label> <input type="text" inputmode="decimal" name="{{key}}.latitude" id="{{id}}-lat" value="{{latitude}}">
                 <label for="{{id}}-lon">Longitude</label> <input type="text" inputmode="decimal" name="{{key}}.longitude" id="{{id}}-lon" value="{{longitude}}"></p>
            </details>{{/is_address}}
          {{/is_yesno}}{{/is_multiple}}{{/is_single}}
          {{#hasErrors}}<div class="erreurs" id="{{id}}-erreurs" role="alert"><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        </div>
        {{/is_explanation}}{{/is_section}}
        """
}
